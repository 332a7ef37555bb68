import editor.document
import editor.history
import editor.selection

doc = editor.document.Document("hello world")
print(type(doc.selection).__name__, len(doc.selection))
sel = doc.select_all()
print(type(sel).__name__, isinstance(sel, editor.document.TextRange), len(sel), sel.text())
history = editor.history.History()
print(history.record(doc), history.snapshots[0].text, type(history.snapshots[0].selection).__name__)
