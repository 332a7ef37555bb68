from dataclasses import dataclass

from audit.log import AuditLog


@dataclass
class Event:
    kind: str
    details: dict

    def replay(self, log: AuditLog):
        log.record(self.kind, **self.details)
