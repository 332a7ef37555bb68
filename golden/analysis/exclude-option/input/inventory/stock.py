from inventory.warehouse import Warehouse


def count(warehouse: Warehouse, sku):
    return warehouse.items.get(sku, 0)
