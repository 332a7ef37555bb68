from shop.orders import total


def price(item):
    return item * 2


def basket(items):
    return total(items)
