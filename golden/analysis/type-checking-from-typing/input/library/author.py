from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from library.book import Book


class Author:
    def __init__(self, name):
        self.name = name
        self.books: list["Book"] = []

    def add_book(self, book: "Book") -> None:
        self.books.append(book)
