"""Prices and taxes."""
from app.catalog import Product

# Standard VAT rate.
VAT_RATE = 0.21

GIFT_CARD = Product("gift card", 25.0)


def total(products):
    return round(sum(product.gross_price() for product in products), 2)
