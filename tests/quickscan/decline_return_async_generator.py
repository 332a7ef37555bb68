async def rows(source):
    if not source:
        return []
    for row in source:
        yield row
