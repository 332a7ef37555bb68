import shop.customers
import shop.invoices
import shop.orders

ada = shop.customers.Customer("ada", "ada@example.com")
invoice = ada.quick_order("SO-1", ("pen", 3, 150), ("ink", 1, 899))
print(invoice.number, invoice.amount, invoice.order.customer.name)
guest_order = shop.orders.Order("SO-2").add("pad", 2, 325)
print(guest_order.customer.name, shop.customers.GUEST.bill(guest_order).amount)
try:
    shop.invoices.Invoice("INV-X", "not an order")
except TypeError as exc:
    print("TypeError:", exc)
