from cfgtool import *

ENCODING = "utf-8"
CONFIG = Config(parsers.ini, "[app]\ndebug = true\n")
