from editor.selection import Selection


class Document:
    def __init__(self, text=""):
        self.text = text
        self.selection = Selection(self, 0, 0)
