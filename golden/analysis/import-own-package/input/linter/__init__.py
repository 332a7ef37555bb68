"""A tiny linter."""
from linter.runner import run

__all__ = ["run"]
