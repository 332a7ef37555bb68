from inventory.stock import count
from tests.conftest import make_warehouse

SAMPLE_SKU = "SKU-001"


def test_count():
    assert count(make_warehouse(), SAMPLE_SKU) == 3
