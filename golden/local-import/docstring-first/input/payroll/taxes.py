from payroll.employees import Employee


class TaxTable:
    def __init__(self, year, rate):
        self.year = year
        self.rate = rate

    @classmethod
    def for_year(cls, year):
        return cls(year, 0.25 if year >= 2024 else 0.2)

    def tax(self, salary):
        return round(salary * self.rate, 2)


def withholding(employee: Employee, year: int) -> float:
    return TaxTable.for_year(year).tax(employee.salary) / 12
