from reports.sales import monthly_report


class Table:
    @staticmethod
    def row(month, amount):
        return f"{month:<8}{amount:>10.2f}"

    @staticmethod
    def cell(amount):
        return f"{amount:.2f}"


REPORTS = {"monthly": monthly_report}
