"""Session defaults of the demo API."""
from .client import Client

# Seconds to wait for the server before giving up.
# Raised from 1.0 after the gateway timeouts in March.
TIMEOUT: float = 2.5  # seconds

# Sent with every request.
HEADERS = {
    "Accept": "application/json",
    # The gateway rejects requests without a user agent.
    "User-Agent": "demo-client/1.0",
}

BANNER = """\
Welcome to the demo API.
  Docs: https://example.invalid/docs
  Help: #api-support (not a comment)
"""

RETRY_CODES: tuple[int, ...] = (502, 503, 504)  # gateway errors


class Session(Client):
    def describe(self):
        return f"{self.base_url} ({self.timeout}s, {len(self.headers)} headers)"
