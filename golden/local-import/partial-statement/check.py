import shop.orders
import shop.pricing

order = shop.orders.Order("ada").add("pen", 4).add("ink", 1)
print(order.total())
bulk = shop.pricing.BulkOrder("bob").add("pen", 20)
print(bulk.total(), isinstance(bulk, shop.orders.Order), sorted(shop.orders.Order.products))
