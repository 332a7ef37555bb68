import payroll.employees
import payroll.taxes

lin = payroll.employees.Employee("Lin", 60000)
print(lin.net_salary(2023), lin.net_salary(2024))
print(payroll.employees.payslip(lin, 2024))
print(payroll.taxes.withholding(lin, 2023))
print(repr(payroll.employees.Employee.net_salary.__doc__))
print(repr(payroll.employees.payslip.__doc__))
print(repr(payroll.employees.__doc__))
