"""Stock levels."""
from .shelves import Shelf

LIMIT = 500
MAIN = Shelf("main")
