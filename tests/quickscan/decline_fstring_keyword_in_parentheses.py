# fuzz_facts (2026-11-22): a keyword argument in parentheses that are no
# call, in a replacement field: a syntax error the scanner accepted
# asynca keyword areumgnt after a star: import os

x = f"a{s*(o=0)}"
