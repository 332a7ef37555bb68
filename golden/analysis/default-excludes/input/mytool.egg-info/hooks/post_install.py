from . import pre_install
