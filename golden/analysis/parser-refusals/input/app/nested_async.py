def names(tables):
    return [[row async for row in table]
            for table in tables]
