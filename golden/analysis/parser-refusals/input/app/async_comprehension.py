def names(rows):
    return [row async for row in rows]
