# fuzz_facts (15 minutes, 2026-11-22): a call after a generic type in an
# annotation, valid Python that tree-sitter rejects; the scanner accepted it
im: __import[name]()
