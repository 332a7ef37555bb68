def pairs(items):
    return [(yield item) for item in items]
