# subscripts in annotations that tree-sitter reads as expressions, trailers
# and all: after a dotted name, a call, a parenthesized type or a string
import collections
import typing

a: typing.List[int]() = []
b: (typing.List[int])() = []
c: collections.namedtuple("P", "x")[0] = None
d: "list"[0]() = None
e: dict[str, int] | typing.Optional[int] = None
