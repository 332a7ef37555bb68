def no_tabs(source):
    return ["tab found"] if "\t" in source else []


def max_line_length(source, limit=100):
    return [f"line {n} too long" for n, line in enumerate(source.splitlines(), 1) if len(line) > limit]


ALL_RULES = [no_tabs, max_line_length]
