import mailer.transport.smtp as smtp

RETRY_LIMIT = 5
DEFAULT_PORT = smtp.DEFAULT_PORT


class OutboundQueue:
    def __init__(self):
        self.pending = []

    def flush(self):
        transport = smtp.SmtpTransport(port=DEFAULT_PORT)
        while self.pending:
            transport.send(self.pending.pop(0))
