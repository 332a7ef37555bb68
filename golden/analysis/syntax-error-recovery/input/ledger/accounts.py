from ledger.entries import Entry


class Account:
    def __init__(self, name):
        self.name = name
        self.entries: list[Entry] = []
