import typing as t

if t.TYPE_CHECKING:
    from inventory.warehouse import Warehouse


class Supplier:
    def __init__(self, name):
        self.name = name

    def deliver(self, warehouse: "Warehouse", sku, quantity):
        warehouse.levels[sku].quantity += quantity
