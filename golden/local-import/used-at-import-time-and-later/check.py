import shop.products
import shop.reviews

pen = shop.products.Product("pen", "Ballpoint pen")
pen.review(4, "writes well")
pen.review(2, "leaks")
print(pen.rating(), shop.reviews.reviews_of(pen.reviews, pen))
demo = shop.reviews.sample()
print(demo.name, demo.rating(), shop.products.PLACEHOLDER.text, shop.products.PLACEHOLDER.product)
try:
    shop.reviews.Review("pen", 5, "?")
except TypeError as exc:
    print("TypeError:", exc)
