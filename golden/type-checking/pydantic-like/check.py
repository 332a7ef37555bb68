import os
import sys

sys.path.insert(0, os.getcwd())  # the project's pydantic stub must win over an installed pydantic

import pydantic
import shop.customers
import shop.models

print("local stub:", not hasattr(pydantic, "VERSION"))

ada = shop.customers.Customer("Ada")
order = ada.place("SO-1", 1299)
ada.refund(ada.place("SO-2", 500))
print(type(order).__name__, order.customer.name, ada.owns(order), ada.spent(), len(ada.orders))
print({name: hint.__name__ for name, hint in shop.models.Order.__fields__.items()})
try:
    shop.models.Order(number="SO-3", customer="Ada", total_cents=1)
except TypeError as exc:
    print("TypeError:", exc)
