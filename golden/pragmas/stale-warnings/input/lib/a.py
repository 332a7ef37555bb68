"""a and b import each other; both imports are ignored, and each ignore does something."""
from lib import b  # decycle: ignore


def use():
    return b.NAME
