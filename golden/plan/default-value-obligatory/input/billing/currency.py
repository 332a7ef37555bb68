import decimal

from billing.totals import total


def round_half_up(amount):
    return int(decimal.Decimal(amount).quantize(decimal.Decimal("1"), rounding=decimal.ROUND_HALF_UP))


def format_total(amounts, symbol="EUR"):
    return f"{total(amounts) / 100:.2f} {symbol}"


def total_with_tax(amounts, rate):
    return total([amount * (1 + rate) for amount in amounts])
