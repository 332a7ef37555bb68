from serializers.core import SerializationError


def check_speedups():
    import orjson

    if orjson.dumps([1]) != b"[1]":
        raise SerializationError("orjson is broken")
