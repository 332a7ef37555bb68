import math


def rate_for(weight_kg):
    return 499 + 150 * max(0, math.ceil(weight_kg - 2))
