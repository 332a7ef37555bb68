def area(width=1, height):
    return width * height
