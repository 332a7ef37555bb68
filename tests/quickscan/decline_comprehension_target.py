# A comprehension target with an operator in it is a syntax error (found by
# fuzz/facts inside a function body); only simple targets are accepted.
def buttons(widgets):
    return [widgets.Button(label) for la*bel in ("Save", "Cancel")]
