# Legacy note format support was removed in 2.0.
# from notes.editor import Editor
# import notes.storage
#
# Kept so that old plugins importing notes.legacy do not break.
