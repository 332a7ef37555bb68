from mail.outbox import Outbox

SEPARATOR = "-"


def send():
    return Outbox()
