import warnings

from legacy.bridge import Bridge

warnings.warn("legacy.adapters is deprecated", DeprecationWarning, stacklevel=2)


class OldAdapter:
    def upgrade(self):
        return Bridge()
