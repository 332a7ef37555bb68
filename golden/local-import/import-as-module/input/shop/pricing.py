from shop.cart import LineItem

SHIPPING = LineItem("shipping", 1, 499)


def total_cents(cart):
    subtotal = sum(item.subtotal() for item in cart.items)
    return subtotal if subtotal >= 5000 else subtotal + SHIPPING.subtotal()


def format_cents(cents):
    return f"${cents // 100}.{cents % 100:02d}"
