from shop.orders import label

KINDS = ("retail", "wholesale")


def describe(n):
    return label(n)
