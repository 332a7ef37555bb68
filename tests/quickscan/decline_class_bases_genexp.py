class Base:
    pass


class Derived(base for base in (Base,)):
    pass
