import inventory.lines
import inventory.orders
import inventory.shelves
import inventory.stock

print(inventory.orders.LIMIT, inventory.lines.OrderLine.max_per_order, inventory.orders.SAMPLE.sku)
print(inventory.stock.LIMIT, inventory.shelves.Shelf.capacity, inventory.stock.MAIN.name)
print(inventory.lines.LIMIT is inventory.orders.LIMIT, inventory.shelves.LIMIT is inventory.stock.LIMIT)
