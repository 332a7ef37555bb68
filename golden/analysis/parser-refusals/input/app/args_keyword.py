def show(*args, **kwargs):
    pass


show(sep=", ", "x")
