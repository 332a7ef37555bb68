import billing.prices
import billing.totals

lines = [billing.totals.Line("pen", 450), billing.totals.Line("ink", 899)]
print(billing.totals.total(lines), lines[1].price())
discount = billing.prices.discount_line(10, lines[1])
print(discount.label, discount.cents, billing.totals.total(lines + [discount]))
