from search.query import Query


class Index:
    def __init__(self, documents):
        self.documents = [doc.lower() for doc in documents]

    def search(self, text):
        return Query(text).run(self)
