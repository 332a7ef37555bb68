import cart.basket
import cart.rules

basket = cart.basket.Basket().add("kettle", 39.0).add("tea", 12.5)
print(basket.shipping_is_free(), cart.basket.Basket().add("tea", 12.5).shipping_is_free())
print(cart.basket.Basket.max_items, cart.rules.WholesaleBasket.max_items, cart.rules.MAX_ITEMS, cart.rules.FREE_SHIPPING_FROM)
print(cart.basket.Basket.__init__.__defaults__)
full = cart.basket.Basket()
try:
    for n in range(26):
        full.add(f"item {n}", 1.0)
except ValueError as exc:
    print("ValueError:", exc, len(full.items))
