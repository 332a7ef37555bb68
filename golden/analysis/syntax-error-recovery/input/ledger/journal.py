from ledger.entries import Entry


class Journal:
    def __init__(self, name):
        self.name = name
        self.entries: list[Entry] = []
