from editor.document import Document


class History:
    def __init__(self):
        self.snapshots = []

    def record(self, document: Document):
        self.snapshots.append(Document(document.text))
        return len(self.snapshots)
