"""This project's own typing module: it shadows the standard library's, as
the standard library's own typing.py does when decycle analyses the stdlib."""
TYPE_CHECKING = False
