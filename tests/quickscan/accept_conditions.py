import typing
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import t1
elif False:
    import t2
else:
    import t3
if typing.TYPE_CHECKING:
    import t4
if (TYPE_CHECKING):
    import t5
if ((False)):
    import t6
if not TYPE_CHECKING:
    import t7
if TYPE_CHECKING and True:
    import t8
if a.b.TYPE_CHECKING:
    import t9
if f().TYPE_CHECKING:
    import t10
if __name__ == "__main__":
    import m1
if '__main__' == __name__:
    import m2
if __name__ == '__main__' and x:
    import m3
if __name__ == f"__main__":
    import m4
if x: import inline1
else: import inline2
def g():
    if TYPE_CHECKING:
        import t11
    class C:
        import c1
class D:
    if TYPE_CHECKING:
        import t12
    def h(self):
        import h1
