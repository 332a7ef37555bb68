def area(**options, scale):
    pass
