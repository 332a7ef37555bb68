# fuzz_facts (CI, 60 s, 2026-11-22): a body on the line of a return annotation
# that starts with a subscript; Python takes it, tree-sitter does not
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from library.book import Book


class Author:
    def __init__(self, name):
        self.name = name
        self.books: list["Book"] = []

    def add_book(self, book: "Book") ->elf.books: list["Book"] = []
end(book)
