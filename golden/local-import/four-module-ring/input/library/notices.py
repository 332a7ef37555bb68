from library.books import Book


class Notifiable:
    def __init__(self):
        self.inbox = []

    def notify(self, message):
        self.inbox.append(message)


def remind(loan):
    item = loan.item
    what = f"the book '{item.title}'" if isinstance(item, Book) else "an item"
    loan.member.notify(f"Please return {what} by {loan.due():%Y-%m-%d}.")
