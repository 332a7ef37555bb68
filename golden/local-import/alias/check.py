import shop.invoices
import shop.orders

invoice = shop.invoices.invoice_for("INV-7", "ada", [("pen", 2, 150), ("ink", 1, 899)])
print(invoice.number, invoice.amount(), type(invoice.order).__name__, shop.invoices.is_order(invoice.order))
order = shop.orders.Order("bob").add("pad", 4, 325)
print(order.invoice("INV-8").amount(), shop.invoices.is_order("INV-8"))
print(shop.orders.Order.invoice.__annotations__["return"].__name__)
