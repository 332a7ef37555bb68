from cache.decorators import memoize

default_store = {}


@memoize(maxsize=32)
def slow_square(n):
    return n * n
