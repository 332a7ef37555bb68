import typing

if typing.TYPE_CHECKING:
    from inventory.warehouse import Warehouse


class StockLevel:
    def __init__(self, warehouse: "Warehouse", sku, quantity=0):
        self.warehouse = warehouse
        self.sku = sku
        self.quantity = quantity
