import importlib

LOADERS = {
    "yaml": lambda: importlib.import_module("formats.yaml_format"),
    "toml": lambda: __import__("formats.toml_format", fromlist=["load"]),
}


def loader_for(name):
    return LOADERS[name]()
