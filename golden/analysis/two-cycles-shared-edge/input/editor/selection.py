from editor.document import Document
from editor.history import History


class Selection:
    def __init__(self, document: Document, start, end):
        self.document = document
        self.start, self.end = start, end
        self.history = History()
