import sys

GREETING = "hello, " \
           "world"
TOTAL = (1 +
         2)
SIZE = 0o644 + 1_000 + 0.5j + 1e-3 + 0


def warn():
    print >>sys.stderr, GREETING  # Python 3 reads a shift, then a tuple
