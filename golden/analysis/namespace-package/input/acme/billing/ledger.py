from acme.billing.invoices import Invoice

ENTRIES = []


def post_entry(reference, amount):
    ENTRIES.append((reference, amount))
    return len(ENTRIES)


def open_invoices():
    return [Invoice(ref, amount) for ref, amount in ENTRIES if amount > 0]
