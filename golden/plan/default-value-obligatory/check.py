import billing.currency
import billing.totals

print(billing.totals.total([100.5, 200.25]), billing.totals.total([100.5], rounding=int))
print(billing.totals.Invoice([999, 1.5]).amount())
print(billing.currency.format_total([1999, 0.5]), billing.currency.total_with_tax([1000, 250], 0.19))
print(billing.totals.total.__defaults__[0] is billing.currency.round_half_up)
