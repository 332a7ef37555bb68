import smtplib

from mailer.queue import OutboundQueue

DEFAULT_PORT = 587


class SmtpTransport:
    def __init__(self, port=DEFAULT_PORT):
        self.port = port

    def send(self, message):
        with smtplib.SMTP("localhost", self.port) as client:
            client.send_message(message)

    def requeue(self, queue: OutboundQueue, message):
        queue.pending.append(message)
