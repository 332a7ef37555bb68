from __future__ import annotations

import dataclasses

from kitchen.ingredients import Ingredient


@dataclasses.dataclass
class Meal:
    name: str
    ingredients: list[Ingredient] = dataclasses.field(default_factory=list)

    def calories(self) -> int:
        return sum(ingredient.calories for ingredient in self.ingredients)
