from shop.cart import Cart


def checkout(cart: Cart):
    return sum(item.price for item in cart.items)
