from shipping.parcels import Parcel


class Address:
    def __init__(self, street, city):
        self.street = street
        self.city = city

    def ship(self, weight_kg) -> Parcel:
        return Parcel(weight_kg, self)
