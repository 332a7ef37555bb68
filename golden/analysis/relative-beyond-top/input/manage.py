import sys

from . import settings


def main(argv):
    print(settings.DEBUG, argv)


if __name__ == "__main__":
    main(sys.argv[1:])
