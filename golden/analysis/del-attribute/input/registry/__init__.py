from registry import cleanup
from registry import setup

legacy_hook = None
