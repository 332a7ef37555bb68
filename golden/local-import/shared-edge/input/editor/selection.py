from editor.document import TextRange
from editor.history import History


class Selection(TextRange):
    def __init__(self, document, start, end, history: History = None):
        super().__init__(start, end)
        self.document = document
        self.history = history or History()

    def text(self):
        return self.document.text[self.start:self.end]
