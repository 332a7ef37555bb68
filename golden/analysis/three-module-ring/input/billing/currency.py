from decimal import ROUND_HALF_UP, Decimal

from billing.invoice import Invoice


def round_money(value):
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def invoice_total(invoice: Invoice):
    return round_money(invoice.amount + invoice.vat)
