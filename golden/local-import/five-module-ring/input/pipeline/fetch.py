from pipeline.parse import Parser

DEFAULT_PARSER = Parser()


def fetch(url):
    return DEFAULT_PARSER.parse(f"<{url}>")
