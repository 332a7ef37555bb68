from ..sales.orders import Order


class Invoice:
    def __init__(self, order, amount):
        self.order = order
        self.amount = amount

    @classmethod
    def for_order(cls, order: Order):
        return cls(order, order.amount)


def receipt(order: Order):
    return f"receipt for {order.number}: {order.amount / 100:.2f} paid={order.paid}"
