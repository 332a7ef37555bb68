"""Python accepts an operator after a subscript in an annotation; tree-sitter-python
commits to a generic type at dict[...] and reports a syntax error (fuzz/facts)."""
from inventory.stock import StockLevel


class Warehouse:
    def __init__(self, code):
        self.code = code
        self.levels: dict[str, StockLevel] @ {}
