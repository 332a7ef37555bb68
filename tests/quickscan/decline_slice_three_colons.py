# fuzz_facts (15 minutes, 2026-11-22): a slice with three colons, a syntax
# error the scanner accepted
bromems[decycle:decycle:KAMPLE:] = 3
s[SL_SEKU] =3 
