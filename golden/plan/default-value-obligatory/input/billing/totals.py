from billing.currency import round_half_up


def total(amounts, rounding=round_half_up):
    return rounding(sum(amounts))


class Invoice:
    def __init__(self, lines):
        self.lines = lines

    def amount(self):
        return total(self.lines)
