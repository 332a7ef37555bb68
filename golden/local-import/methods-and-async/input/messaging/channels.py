from messaging.outbox import Outbox


class Channel:
    registry = {}

    def __init__(self, name, prefix):
        self.name = name
        self.prefix = prefix

    @classmethod
    def named(cls, name):
        return cls.registry[name]

    def format(self, text):
        return f"{self.prefix} {text}"


for _name, _prefix in (("email", "[mail]"), ("sms", "[sms]")):
    Channel.registry[_name] = Channel(_name, _prefix)

DEFAULT_OUTBOX = Outbox()
