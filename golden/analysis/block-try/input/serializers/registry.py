from serializers.core import SerializationError

DEFAULTS = []


def register_default(func):
    if not callable(func):
        raise SerializationError(f"not a serializer: {func!r}")
    DEFAULTS.append(func)
