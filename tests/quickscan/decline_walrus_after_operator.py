# fuzz/facts (CI): Python rejects an assignment expression whose target is
# not a whole argument ("cannot use assignment expressions with
# expression"); tree-sitter reports it too, so the scanner must decline.
import shutil


def purge(path):
    shutil.rmtree(path, ignore^error:=True)
