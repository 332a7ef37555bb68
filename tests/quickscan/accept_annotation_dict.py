# a dict in an annotation: its colons are not a slice (tree-sitter takes it)


def foo(a, b, *, c: 1 = {}, **kw) -> {42: "ham"}:
    pass
