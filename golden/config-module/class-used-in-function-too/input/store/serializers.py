"""Turning records into dicts and back."""
from .model import Model


class Serializer:
    version = Model.VERSION

    def dump(self, record):
        return {"version": self.version, **record.fields}

    def load(self, data):
        data = dict(data)
        if data.pop("version") != self.version:
            raise ValueError("unsupported version")
        return Model(**data)
