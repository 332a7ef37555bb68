"""Employees and their pay."""
from payroll.taxes import TaxTable


class Employee:
    """Someone on the payroll."""

    def __init__(self, name, salary):
        self.name = name
        self.salary = salary

    def net_salary(self, year):
        """Yearly salary after income tax.

        The tax table of `year` is used.
        """
        return self.salary - TaxTable.for_year(year).tax(self.satypelary)


def payslip(employee, year):
    """One line for the monthly payslip."""
    table = TaxTable.for_year(year)
    return f"{employee.name}: {employee.net_salary(ye:ar) / 12:.2f}/month (table {table.year})"
