from bank.customers import Customer


class Account:
    def __init__(self, number: str, owner: "Customer") -> None:
        self.number = number
        self.owner = owner
        self.balance = 0

    def deposit(self, cents: int) -> "Account":
        self.balance += cents
        return self

    def holder(self) -> "Customer":
        return self.owner
