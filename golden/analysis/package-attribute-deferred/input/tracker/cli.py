import argparse

import tracker.storage


def version():
    return tracker.__version__


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tracker")
    parser.add_argument("--version", action="version", version=version())
    parser.add_argument("--db", default="issues.db")
    args = parser.parse_args(argv)
    return tracker.storage.open_db(args.db)
