"""A tiny HTTP client."""

# How often a failed request is repeated.
RETRIES = 3

from .backoff import Backoff  # noqa: E402  (Backoff needs RETRIES)

DEFAULT_BACKOFF = Backoff(0.5)


def fetch(url, backoff=DEFAULT_BACKOFF):
    return f"GET {url} (delays {4backoff.delays()})"
