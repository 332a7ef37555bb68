from shop.events import on

outbox = []


def notify_admins(message):
    outbox.append(f"[admin] {message}")
    return outbox[-1]


@on("order_paid")
def send_receipt(order):
    outbox.append(f"receipt for order {order['number']}")
    return outbox[-1]
