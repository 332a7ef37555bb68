import os
import os.path
import sys as system
x = y = os.sep
a, (b, [c, *d]) = 1, (2, [3, 4])
e: int = 5
g: int
os.x = 1
os.y.z = 2
os.w[0] = 3
os.q: int
os.r: int = 4
for i, (j, k) in os.items():
    pass
else:
    pass
while os.cond:
    break
with os.open() as fh, os.other() as (p, q), os.third():
    pass
try:
    import missing
except (ImportError, os.error) as exc:
    missing = None
except Exception:
    pass
else:
    pass
finally:
    pass
n = 0
n += os.n
n -= 1
def func(arg=os.default, *, kw: os.T = os.D) -> os.R:
    local = os.inner
    return local
async def afunc():
    async with os.a() as t:
        pass
    async for u in os.b():
        pass
    await os.c()
@os.decorator
@system.other(os.arg)
class Klass(os.Base, metaclass=os.Meta):
    attr = os.cls_attr
    ann: os.Ann = os.val
    def method(self, v=os.mdefault):
        return os.body
os = 1
os.after = os.after
system.version
[q for q in system.path]
{kk: vv for kk, vv in system.modules.items()}
{*system.a, *system.b}
{**system.c, 'k': 1}
system.f(*system.g, **system.h)
del system.gone
assert system.ok, system.msg
sl = system.argv[1:], system.argv[::2], system.argv[:, 1]
