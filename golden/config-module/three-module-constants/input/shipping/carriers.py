"""Carriers and the zones they serve."""
from . import zones

MAX_WEIGHT_KG = 30


class Carrier:
    def __init__(self, name, zone=zones.HOME_ZONE):
        self.name = name
        self.zone = zone

    def quote(self, parcel, rate=1.5):
        return round(parcel.weight_kg * rate, 2)
