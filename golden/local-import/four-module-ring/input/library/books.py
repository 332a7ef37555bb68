from library.loans import Lendable


class Book(Lendable):
    def __init__(self, isbn, title):
        super().__init__()
        self.isbn = isbn
        self.title = title
