"""Switches for flaky networks."""
from . import client


def aggressive_retries():
    client.RETRIES += 2
    return client.RETRIES
