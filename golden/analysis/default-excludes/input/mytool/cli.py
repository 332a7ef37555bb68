import sys

from mytool.core import greet


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    print(greet(argv[0] if argv else "world"))
