from .orders import Order


class BulkOrder(Order):
    discount_percent = 10


def total(order):
    gross = sum(product.price * quantity for product, quantity in order.lines)
    discount = getattr(order, "discount_percent", 0)
    return gross - gross * discount // 100
