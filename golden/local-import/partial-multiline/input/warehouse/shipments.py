"""Outgoing shipments."""
from . import (
    carriers,  # who moves the parcel
    labels,  # printable shipping labels
    rates,
)

DEFAULT_CARRIER = carriers.by_code("ups")


class Shipment:
    price_for = staticmethod(rates.rate_for)

    def __init__(self, reference, weight_kg, carrier=DEFAULT_CARRIER):
        self.reference = reference
        self.weight_kg = weight_kg
        self.carrier = carrier

    def price(self):
        return self.price_for(self.weight_kg)

    def label(self):
        return labels.Label(self).render()
