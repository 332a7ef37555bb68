import shop.customers
import shop.orders
import ui.layouts
import ui.widgets

ada = shop.customers.Customer("Ada")
ada.place("SO-1")
ada.place("SO-2")
print(shop.orders.orders_for(ada, ada.orders), shop.orders.orders_for.__annotations__["customer"].__name__)
print(ui.widgets.Panel().render(), ui.layouts.Grid().render(), ui.layouts.Grid.columns)
