import functools
@functools.lru_cache(maxsize=None)
def cached():
    pass
@functools.wraps(cached)
async def wrapped():
    pass
class A:
    @property
    def p(self): return 1
    @p.setter
    def p(self, v): pass
