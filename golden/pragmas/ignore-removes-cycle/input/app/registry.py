"""The plugin registry; importing it also loads the bundled plugins."""
_PLUGINS = {}


def register(name):
    def deco(fn):
        _PLUGINS[name] = fn
        return fn

    return deco


def run(name, text):
    return _PLUGINS[name](text)


# Loaded last, once register exists: a deliberate import-time cycle.
from app import plugins  # noqa: E402,F401  # decycle: ignore
