"""Serialization entry points."""


class SerializationError(Exception):
    pass


try:
    from serializers.fast import dumps
except ImportError:
    from serializers.pure import dumps
else:
    from serializers.checks import check_speedups

    check_speedups()
finally:
    from serializers.registry import register_default

register_default(dumps)
