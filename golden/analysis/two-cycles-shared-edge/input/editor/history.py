from editor.document import Document


class History:
    def __init__(self):
        self.snapshots: list[Document] = []

    def record(self, document: Document):
        self.snapshots.append(Document(document.text))
