# A break outside a loop leaves the try statement as a return would: Python
# compiles the finally clause first, and reports its await (line 10).
import asyncio


def stop():
    try:
        break
    finally:
        await asyncio.sleep(0)
