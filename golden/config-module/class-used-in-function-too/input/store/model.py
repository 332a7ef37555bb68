"""Records kept in the store."""
from .serializers import Serializer


class Model:
    VERSION = 3
    serializer = Serializer()

    def __init__(self, **fields):
        self.fields = fields

    def dump(self):
        return self.serializer.dump(self)
