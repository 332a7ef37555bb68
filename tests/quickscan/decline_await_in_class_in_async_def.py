import os


async def f():
    class C:
        x = await os.sleep(1)
