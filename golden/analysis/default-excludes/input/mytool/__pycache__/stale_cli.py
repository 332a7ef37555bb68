from . import stale_core
