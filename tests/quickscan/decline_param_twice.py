def area(width, height, width):
    pass
