from typing import TYPE_CHECKING

try:
    import numpy as np

    if TYPE_CHECKING:
        from search.index import Index
except ImportError:
    np = None


class Query:
    def __init__(self, text):
        self.terms = text.lower().split()

    def run(self, index: "Index"):
        return [doc for doc in index.documents if all(t in doc for t in self.terms)]
