"""Deprecated: the old e-mail channel, kept for imports of notify.channels.email."""
from notify.dispatcher import dispatch


def send_welcome(address):
    return dispatch(f"Welcome, {address}!")
