from inventory.stock import StockLevel
from inventory.supplier import Supplier


class Warehouse:
    levels: dict[str, StockLevel] | None = None
    names: "list[Supplier]"
    fixed: Literal[1, None, True]

    def __init__(self, code: str | None, *args: int, **kw: Supplier) -> dict[str, list[int]] | None:
        self.code: a.b.C[D, E] = code
