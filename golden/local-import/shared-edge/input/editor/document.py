from editor.selection import Selection


class TextRange:
    def __init__(self, start, end):
        self.start = start
        self.end = end

    def __len__(self):
        return self.end - self.start


class Document:
    def __init__(self, text=""):
        self.text = text
        self.selection = Selection(self, 0, 0)

    def select_all(self):
        self.selection = Selection(self, 0, len(self.text))
        return self.selection
