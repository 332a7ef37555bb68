"""A small HTTP client."""
from .session import (
    BANNER,
    HEADERS,
    RETRY_CODES,
    TIMEOUT,  # overridable per client
)

GREETING = BANNER.splitlines()[0]


class Client:
    headers = HEADERS
    retry_codes = RETRY_CODES

    def __init__(self, base_url, timeout=TIMEOUT):
        self.base_url = base_url
        self.timeout = timeout

    def should_retry(self, status):
        return status in self.retry_codes
