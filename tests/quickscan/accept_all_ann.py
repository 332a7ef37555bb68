__all__: list = ['a', 'b']
