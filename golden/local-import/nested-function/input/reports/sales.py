from reports.formatting import Table


def monthly_report(orders):
    def row(order):
        return Table.row(order["month"], order["amount"])

    rows = sorted(row(order) for order in orders)
    return "\n".join(rows)


class Dashboard:
    def __init__(self, orders):
        self.orders = orders

    def widget(self):
        def render():
            cells = [Table.cell(order["amount"]) for order in self.orders]
            return " | ".join(cells)

        return render
