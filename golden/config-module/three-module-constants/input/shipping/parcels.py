"""Parcels and their weight limit."""
from .carriers import MAX_WEIGHT_KG

CURRENCY = "EUR"


class Parcel:
    max_weight_kg = MAX_WEIGHT_KG

    def __init__(self, weight_kg):
        if weight_kg > self.max_weight_kg:
            raise ValueError(f"{weight_kg} kg is over the limit of {self.max_weight_kg} kg")
        self.weight_kg = weight_kg
