import asyncio


async def pause():
    later = lambda: await asyncio.sleep(1)
    return later
