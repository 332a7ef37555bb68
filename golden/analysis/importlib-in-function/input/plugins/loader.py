import importlib


def load_default():
    module = importlib.import_module("plugins.markdown")
    return module.MarkdownPlugin


def load_legacy():
    return __import__("plugins.markdown", fromlist=["MarkdownPlugin"]).MarkdownPlugin


def make_handler():
    @importlib.import_module("plugins.markdown").hook
    def handler(text, plugin=__import__("plugins.markdown", fromlist=["MarkdownPlugin"]).MarkdownPlugin):
        return plugin().render(text)

    return handler
