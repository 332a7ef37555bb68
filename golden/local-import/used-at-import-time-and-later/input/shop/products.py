from shop.reviews import Review, average_rating


class Product:
    def __init__(self, sku, name):
        self.sku = sku
        self.name = name
        self.reviews = []

    def review(self, stars, text):
        review = Review(self, stars, text)
        self.reviews.append(review)
        return review

    def rating(self):
        return average_rating(self.reviews)


PLACEHOLDER = Review(None, 0, "no reviews yet")
