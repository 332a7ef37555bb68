from bank.accounts import Account


class Customer:
    def __init__(self, name):
        self.name = name
        self.accounts = []

    def open_account(self, number) -> Account:
        account = Account(number, self)
        self.accounts.append(account)
        return account
