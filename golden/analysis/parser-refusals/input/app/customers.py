from app.orders import Order


class Customer:
    def __init__(self, name):
        self.name = name

    def orders(self):
        return [Order(self)]
