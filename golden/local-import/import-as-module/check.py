import shop.cart
import shop.pricing

cart = shop.cart.Cart().add("pen", 3, 150).add("ink", 1, 899)
print(cart.total(), cart.summary())
print(shop.cart.Cart().add("chair", 2, 4500).summary())
print(shop.pricing.SHIPPING.sku, type(shop.pricing.SHIPPING).__name__)
