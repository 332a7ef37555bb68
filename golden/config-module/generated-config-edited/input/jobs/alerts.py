"""Paging when jobs keep failing."""
from .retry import RetryPolicy

# Failures in a row before someone is paged.
ALERT_AFTER = 3

DEFAULT_POLICY = RetryPolicy(delay=2.0)


def should_page(failures):
    return failures >= ALERT_AFTER
