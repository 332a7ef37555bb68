"""What Python takes, near each refusal of the other files."""


def show(*args, **kwargs):
    pass


options, items = {}, []
show("x", sep=", ", *items)
show(*items, **options)
show(key=lambda a, b: a, other=lambda: 0)
print(b"a" b"b", "a" "b", b"\xc3\xa9")


def area(width, /, height=1, *sizes, scale, unit="m", **options):
    pass


def volume(width=1, /, height=2, *, depth):
    pass


area2 = lambda width, /, height=1, *, scale=1, **options: width
squares = [n * n for n in (1, 2, 3)]


def pairs(items):
    return [x for x in (yield items)]


async def rows(source):
    if not source:
        return
    for row in source:
        yield row
    print([row async for row in source])


async def tables(source):
    def inner():
        return 1
    yield inner
    return_value = [[row async for row in table] for table in source]
    genexp = (row async for row in source)
    yield return_value, genexp


def plain(source):
    return (row async for row in source)


try:
    import json
except ImportError:
    json = None
except:
    json = None

try:
    pass
except* OSError:
    for attempt in range(3):
        break
