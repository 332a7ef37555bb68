__all__ = 'a', 'b'
