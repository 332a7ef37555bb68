def area(*, width, /):
    pass
