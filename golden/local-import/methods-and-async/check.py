import asyncio

import messaging.channels
import messaging.outbox

box = messaging.outbox.Outbox()
print(box.send("email", "Your order shipped"))
print(asyncio.run(messaging.outbox.broadcast(box, "Sale!", ["sms", "email"])))
print(type(messaging.channels.DEFAULT_OUTBOX).__name__, len(box.sent))
