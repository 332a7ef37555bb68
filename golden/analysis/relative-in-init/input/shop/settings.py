from shop.cart import MAX_ITEMS

CART_BANNER = f"Up to {MAX_ITEMS} items per order"
