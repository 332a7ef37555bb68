"""Configuration toolkit."""
__all__ = ["Config", "parsers"]


class Config(dict):
    def __init__(self, parser, text):
        super().__init__(parser(text))
