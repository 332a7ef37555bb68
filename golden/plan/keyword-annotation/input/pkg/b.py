from pkg import a

LIMIT = 3  # limit
NAMES = ('x',
         'y')


class K:
    size = 2


ALIAS = a


def use():
    return a
