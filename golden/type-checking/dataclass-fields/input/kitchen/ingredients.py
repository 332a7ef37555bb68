from kitchen.meals import Meal


class Ingredient:
    def __init__(self, name, calories):
        self.name = name
        self.calories = calories


def snack(*ingredients) -> Meal:
    return Meal("snack", list(ingredients))
