import orjson

from serializers.core import SerializationError


def dumps(obj):
    try:
        return orjson.dumps(obj).decode()
    except TypeError as exc:
        raise SerializationError(str(exc)) from exc
