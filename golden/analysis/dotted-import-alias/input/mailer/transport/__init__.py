"""Mail transports."""
from mailer.queue import RETRY_LIMIT

MAX_ATTEMPTS = RETRY_LIMIT + 1
