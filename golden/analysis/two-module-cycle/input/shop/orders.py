"""Orders placed by customers."""
from dataclasses import dataclass, field

from shop.customers import Customer


@dataclass
class Order:
    customer: Customer
    lines: list = field(default_factory=list)

    def total(self):
        return sum(line.price * line.quantity for line in self.lines)
