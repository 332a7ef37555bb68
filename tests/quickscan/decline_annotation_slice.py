# fuzz_facts (15 minutes, 2026-11-22): a slice in an annotation, which Python
# takes and tree-sitter does not (x: t[1:2] it takes, t[:2] and t[1:] not)
+impS


tn[:2]
oredecycle:tn[:2]


SUPP
