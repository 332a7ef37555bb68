import notes.legacy
from notes.storage import save


class Editor:
    def __init__(self, text=""):
        self.text = text

    def save(self, path):
        save(path, self.text)
