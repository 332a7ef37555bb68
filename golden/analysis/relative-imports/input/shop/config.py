from .cart.checkout import CURRENCY

TAX_INCLUDED = CURRENCY == "EUR"
