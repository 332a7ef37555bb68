"""Pragmas that do nothing, each with its warning."""
import os  # decycle: keep
from lib import text  # decycle: ignore
from lib import fmt  # decycle: kep
from lib import text as t2  # decycle: keep  # decycle: ignore

VERSION = "1.0"  # decycle: keep
# decycle: ignore
from lib import fmt as f2  # noqa: E402
NOTE = "# decycle: keep is a pragma only in a comment"


def later():
    from lib import a  # decycle: keep
    from lib import b  # decycle: breaks the import cycle lib.a -> lib.b -> lib.a

    return a, b, os, text, fmt, t2, f2
