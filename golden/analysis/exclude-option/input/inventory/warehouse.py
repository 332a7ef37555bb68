class Warehouse:
    def __init__(self):
        self.items = {}
