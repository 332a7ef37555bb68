from typing import TYPE_CHECKING


def rank(results, index):
    if TYPE_CHECKING:
        from search.index import Index

        typed_index: Index = index
    return sorted(results, key=lambda doc: index.score(doc), reverse=True)
