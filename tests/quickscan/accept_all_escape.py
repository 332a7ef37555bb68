__all__ = ['a', u'b']
