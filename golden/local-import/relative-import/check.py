import store.billing.invoices
import store.sales.orders

order = store.sales.orders.Order("SO-9", 12345)
invoice = order.invoice()
print(type(invoice).__name__, invoice.amount, invoice.order is order)
print(order.pay())
print(store.billing.invoices.Invoice.for_order.__annotations__["order"].__name__)
