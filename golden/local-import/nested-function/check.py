import reports.formatting
import reports.sales

orders = [{"month": "2024-02", "amount": 120.5}, {"month": "2024-01", "amount": 99.0}]
print(reports.sales.monthly_report(orders))
print(reports.formatting.REPORTS["monthly"](orders[:1]))
print(reports.sales.Dashboard(orders).widget()())
