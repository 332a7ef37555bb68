import bank.accounts
import bank.customers

ada = bank.customers.Customer("Ada")
account = ada.open_account("DE-001").deposit(2500).deposit(100)
print(account.number, account.balance, account.holder() is ada, len(ada.accounts))
print(bank.accounts.Account.__init__.__annotations__)
print(bank.accounts.Account.holder.__annotations__)
print(bank.customers.Customer.open_account.__annotations__["return"].__name__)
