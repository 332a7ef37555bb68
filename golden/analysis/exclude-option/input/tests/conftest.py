from inventory.warehouse import Warehouse
from tests.test_stock import SAMPLE_SKU


def make_warehouse():
    warehouse = Warehouse()
    warehouse.items[SAMPLE_SKU] = 3
    return warehouse
