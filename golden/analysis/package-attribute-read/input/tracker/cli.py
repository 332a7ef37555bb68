import argparse

import tracker.storage

VERSION = tracker.__version__


def main(argv=None):
    parser = argparse.ArgumentParser(prog="tracker")
    parser.add_argument("--version", action="version", version=VERSION)
    parser.add_argument("--db", default="issues.db")
    args = parser.parse_args(argv)
    return tracker.storage.open_db(args.db)
