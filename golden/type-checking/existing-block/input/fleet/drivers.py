from fleet.trucks import Truck


class Driver:
    def __init__(self, name):
        self.name = name

    def drive(self, truck: Truck):
        truck.assign(self)
        return f"{self.name} drives {truck.plate}"
