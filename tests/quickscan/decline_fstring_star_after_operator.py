# fuzz_facts (with the token dictionary, 2026-11-22): `*` right after a
# binary operator in a replacement field, a syntax error the scanner accepted
# "nd in  6
MASK = f"{~FLAGS} {-1} {1 - 2} {FLAG@ * 2}"
