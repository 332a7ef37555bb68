from shop.item import Item

print(Item("pen").in_new_cart().items[0].name)
