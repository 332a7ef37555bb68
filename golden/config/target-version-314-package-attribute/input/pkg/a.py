import pkg


def describe(x: pkg.Thing) -> str:
    return x.name
