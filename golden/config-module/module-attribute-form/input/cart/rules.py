"""Basket rules."""
from cart.basket import Basket

MAX_ITEMS = 25
FREE_SHIPPING_FROM = 50.0


class WholesaleBasket(Basket):
    max_items = 500
