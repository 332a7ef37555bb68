# Python's symbol table reports the nonlocal (line 3) only after it is built:
# the import * in the class (line 7) comes first.
nonlocal sep


class Paths:
    from os.path import *
