import shop.notifications
import shop.events

print(shop.events.emit("order_paid", {"number": 17}))
print(shop.events.emit("order_lost", {"number": 18}))
print(shop.events.replay([]), shop.events.replay([("order_paid", {"number": 19})]))
print(shop.notifications.outbox)
