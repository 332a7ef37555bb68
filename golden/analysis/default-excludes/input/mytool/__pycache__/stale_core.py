from . import stale_cli
