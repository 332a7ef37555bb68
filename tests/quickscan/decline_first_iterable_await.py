def names(rows):
    return [row for row in await rows]
