from billing.totals import Line


class Price:
    def __init__(self, cents):
        self.cents = cents

    @classmethod
    def of(cls, cents):
        return cls(cents)

    def __str__(self):
        return f"{self.cents / 100:.2f} EUR"


def discount_line(percent, base: Line) -> Line:
    return Line(f"-{percent}%", -base.cents * percent // 100)
