from . import post_install
