from library.notices import Notifiable


class Member(Notifiable):
    def __init__(self, name, card):
        super().__init__()
        self.name = name
        self.card = card
        self.loans = []
