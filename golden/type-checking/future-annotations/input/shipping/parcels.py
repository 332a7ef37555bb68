from __future__ import annotations

from shipping.addresses import Address


class Parcel:
    def __init__(self, weight_kg: float, destination: Address) -> None:
        self.weight_kg = weight_kg
        self.destination = destination

    def label(self) -> str:
        destination: Address = self.destination
        return f"{self.weight_kg:.1f} kg to {destination.city}"


def heaviest(parcels: list[Parcel]) -> Parcel | None:
    return max(parcels, key=lambda parcel: parcel.weight_kg, default=None)
