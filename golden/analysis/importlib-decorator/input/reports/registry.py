"""Registry of the available reports."""
REPORTS = {}


def register(name):
    def decorator(cls):
        REPORTS[name] = cls
        return cls

    return decorator


from reports import sales  # noqa: E402  built-in reports register themselves
