__all__ = ["a"]
__all__.extend(["b"])
