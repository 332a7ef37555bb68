from __future__ import annotations

from typing import TYPE_CHECKING

from fleet.drivers import Driver

if TYPE_CHECKING:
    from collections.abc import Iterable


class Truck:
    def __init__(self, plate: str, capacity_kg: int) -> None:
        self.plate = plate
        self.capacity_kg = capacity_kg
        self.driver = None

    def assign(self, driver: Driver) -> Truck:
        self.driver = driver
        return self


def total_capacity(trucks: Iterable[Truck]) -> int:
    return sum(truck.capacity_kg for truck in trucks)
