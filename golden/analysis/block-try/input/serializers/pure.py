import json

from serializers.core import SerializationError


def dumps(obj):
    try:
        return json.dumps(obj)
    except TypeError as exc:
        raise SerializationError(str(exc)) from exc
