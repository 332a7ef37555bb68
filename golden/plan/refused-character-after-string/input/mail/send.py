from mail.outbox import Outbox  # vertical tab

SEPARATOR = "-"


def send():
    return Outbox()
