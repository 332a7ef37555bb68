import sys


def start():
    return 0


if __name__ == "__main__":
    from cli import commands
    sys.exit(commands.run_all())
