from a import f


class B:
    handler = f
