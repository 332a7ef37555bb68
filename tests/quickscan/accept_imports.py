"""Docstring."""
from __future__ import annotations, division as _d
import os, os.path as osp, xml.etree.ElementTree
import a . b  as  c
from . import x
from .. import (y,
    z as zz,  # comment
)
from ...pkg.mod import name
from .mod import *
from re import match, case, type
import importlib
m1 = importlib.import_module("pkg.one")
m2 = __import__('pkg.two')
m3 = import_module(r"pkg.three", package=None)
m4 = importlib.import_module("not a module")
m5 = __import__(name)
m6 = __import__("a" "b")
m7 = __import__(u"x")
m8 = __import__(b"x")
m9 = __import__("a".strip())
m10 = __import__("a", fromlist=["b"])
def f():
    import json
    return importlib.import_module("pkg.late"), __import__("pkg.late2")
class K:
    import inner
    v = __import__("pkg.cls")
lam = lambda: __import__("pkg.lam")
lam2 = lambda a, b=__import__("pkg.default"), *c, **d: a
