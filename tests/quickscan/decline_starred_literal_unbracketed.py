# fuzz_facts (20 minutes, 2026-11-22): a starred string in a tuple without
# brackets, valid Python that tree-sitter rejects; the scanner accepted it
"""""",*"",
i
