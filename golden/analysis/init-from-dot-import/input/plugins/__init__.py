"""Plugin registry: built-in plugins register themselves on import."""
REGISTRY = {}


def register(name):
    def decorator(cls):
        REGISTRY[name] = cls
        return cls

    return decorator


from . import csv_export  # noqa: E402
