"""A small HTTP client."""
__version__ = "2.1.0"

from httpkit.client import Client
from httpkit.errors import HttpError

__all__ = ["Client", "HttpError", "__version__"]
