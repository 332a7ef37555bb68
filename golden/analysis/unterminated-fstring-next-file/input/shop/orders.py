def total(items):
    return sum(price(item) for item in items)


from shop.pricing import price

STÜCK_LIMIT = 100
