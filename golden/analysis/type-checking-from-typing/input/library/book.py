from library.author import Author


class Book:
    def __init__(self, title, author: Author):
        self.title = title
        self.author = author
        author.add_book(self)
