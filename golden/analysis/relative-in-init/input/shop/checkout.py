"""Old top-level checkout, kept for backwards compatibility."""
from shop.cart import Cart


def legacy_checkout(items):
    return Cart(items)
