import configparser

from settings import ENCODING


def ini(text):
    parser = configparser.ConfigParser()
    parser.read_string(text.encode(ENCODING).decode(ENCODING))
    return {section: dict(parser[section]) for section in parser.sections()}
