"""Shopping cart package."""
from .. import settings
from .checkout import checkout

MAX_ITEMS = 50


class Cart:
    def __init__(self, items):
        self.items = list(items)[:MAX_ITEMS]

    def pay(self):
        return checkout(self)
