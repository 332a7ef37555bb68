"""Delivery channels."""
from notify.channels.base import Channel


class _SmtpChannel(Channel):
    name = "email"


email = _SmtpChannel()
