from inventory.stock import StockLevel
from inventory.supplier import Supplier


class Warehouse:
    def __init__(self, code):
        self.code = code
        self.levels: dict[str, StockLevel] = {}
        self.suppliers: list[Supplier] ,= []
