"""Shipping zones."""
from .parcels import CURRENCY

HOME_ZONE = "EU"


def price_label(amount, currency=CURRENCY):
    return f"{amount:.2f} {currency}"
