"""User accounts: the public API."""
from .services import deactivate, register
from .models import User

__all__ = ["User", "deactivate", "register"]
