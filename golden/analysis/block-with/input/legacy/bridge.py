"""Bridge between the new API and the deprecated adapters."""
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from legacy.adapters import OldAdapter


class Bridge:
    def __init__(self):
        self.adapter = OldAdapter()
