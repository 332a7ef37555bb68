from notes.editor import Editor


def save(path, text):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def load(path):
    with open(path, encoding="utf-8") as handle:
        return Editor(handle.read())
