__all__ = ["a", 'b', r"c", """d""",  # comment
           'e',]
__all__ += ('f', 'g')
__all__ += ["h"]
if True:
    __all__ += ["i"]
class C:
    __all__ = 5
