async def rows(source):
    return source
    break
    yield
