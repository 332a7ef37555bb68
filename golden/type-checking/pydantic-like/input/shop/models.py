from __future__ import annotations

from pydantic import BaseModel

from shop.customers import Customer


class Order(BaseModel):
    number: str
    customer: Customer
    total_cents: int
