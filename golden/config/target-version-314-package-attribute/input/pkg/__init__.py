from pkg.a import describe


class Thing:
    name = "thing"
