x = __all__ = ['a']
