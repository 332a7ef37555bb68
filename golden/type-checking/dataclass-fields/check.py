import dataclasses

import kitchen.ingredients
import kitchen.meals

meal = kitchen.ingredients.snack(kitchen.ingredients.Ingredient("apple", 95), kitchen.ingredients.Ingredient("nuts", 180))
print(meal.name, meal.calories(), [i.name for i in meal.ingredients])
print([(f.name, f.type) for f in dataclasses.fields(kitchen.meals.Meal)])
print(kitchen.meals.Meal("empty"), kitchen.ingredients.snack.__annotations__["return"].__name__)
