from webapp.views import index

HOOKS = {"startup": []}


def on_startup(func):
    HOOKS["startup"].append(func)
    return func


DEFAULT_ROUTE = index
