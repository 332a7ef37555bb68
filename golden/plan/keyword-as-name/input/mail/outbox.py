from mail.send import SEPARATOR


class Outbox:
    separator = SEPARATOR
