from typing import TYPE_CHECKING

if not TYPE_CHECKING:
    from audit.events import Event


class AuditLog:
    def __init__(self):
        self.entries = []

    def record(self, kind, **details):
        self.entries.append(Event(kind, details))
