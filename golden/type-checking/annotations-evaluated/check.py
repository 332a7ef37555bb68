import sales.customers
import sales.orders

ada = sales.customers.Customer("Ada")
print(ada.adopt("SO-0").number, ada.place("SO-1").number, ada.reorder(ada.orders[0]).number, ada.adopt("SO-9"))
print(ada.owns(ada.orders[1]), ada.owns("SO-1"), sales.orders.orders_of(ada, ada.orders))
print(sales.orders.Order.assign.__annotations__["customer"].__name__)
print({k: getattr(v, "__name__", v) for k, v in sales.orders.orders_of.__annotations__.items()})
