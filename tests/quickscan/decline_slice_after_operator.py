# fuzz_facts (with the token dictionary, 2026-11-22): a slice bound left
# out after a unary minus, a syntax error the scanner accepted
import sys

from . import settings


def main(argv):
    print(settings.DEBUG, argv)


if __name__ == "__main__":
    main(sys.argv[-:])
