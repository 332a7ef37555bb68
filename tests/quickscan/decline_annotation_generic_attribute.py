# a generic type in an annotation followed by an attribute or a subscript:
# tree-sitter's `type` rule ends at the `]`
import typing

first: typing.Any = None
second: list[int].__class__ = list
third: dict[str, int][0] = {}
