from b import B


def f(x: B) -> None:
    return None
