import importlib

LABELS = "none", *importlib.import_module("shop.customers").KINDS

if (default := LABELS[0]) != "none":
    raise ValueError(default)


def label(n):
    return LABELS[n]
