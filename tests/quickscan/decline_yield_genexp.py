def pairs(items):
    return list((yield item) for item in items)
