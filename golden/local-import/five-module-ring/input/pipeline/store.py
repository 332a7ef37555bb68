from pipeline.report import Report


class Store:
    report = Report()

    def __init__(self, name):
        self.name = name
        self.items = []

    def keep(self, item):
        self.items.append(item)
        return item
