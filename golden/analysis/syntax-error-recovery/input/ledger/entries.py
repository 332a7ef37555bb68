from ledger.accounts import Account


class Entry:
    def __init__(self, account: Account, amount):
        self.account = account
        self.amount = amount

    def describe(self) -> str
        return f"{self.account.name}: {self.amount}"


from ledger.journal import Journal  # noqa: E402

DEFAULT_JOURNAL = Journal("general")
