import functools


def memoize(maxsize=128):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args):
            from cache.store import default_store

            key = (func.__qualname__, args)
            if key not in default_store:
                default_store[key] = func(*args)
            return default_store[key]

        wrapper.maxsize = maxsize
        return wrapper

    return decorator


def make_invalidator(prefix):
    def invalidate():
        from cache.store import default_store

        for key in [k for k in default_store if k[0].startswith(prefix)]:
            del default_store[key]

    return invalidate
