async def rows(source):
    yield from source
