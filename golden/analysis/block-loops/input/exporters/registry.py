from exporters.base import Exporter

_REGISTRY: dict[str, Exporter] = {}


def lookup(name):
    return _REGISTRY.get(name)
