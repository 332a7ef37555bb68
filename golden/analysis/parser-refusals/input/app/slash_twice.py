def area(width, /, height, /):
    pass
