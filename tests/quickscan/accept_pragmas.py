"""Pragmas: every form the reader knows, on import lines and elsewhere."""
import os  # decycle: keep
import sys, json  # decycle: ignore
from . import a  # noqa: E402  # decycle: keep
from .b import c  # type: ignore # decycle:ignore -- free text after the word
from .d import e  # decycle: kep
from .f import g  # decycle: keep  # decycle: ignore
from .h import i  # decycle: breaks the import cycle x -> y -> x
import k; import l  # decycle: ignore
# decycle: keep
X = 1  # decycle: ignore
S = "# decycle: keep"
from .m import (  # decycle: keep
    n,
    o,
)
from .p import (
    q,
    r,
)  # decycle: ignore


def f():
    import t  # decycle: keep
    return t
