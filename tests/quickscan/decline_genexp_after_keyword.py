# fuzz_facts (15 minutes, 2026-11-22): a keyword argument followed by a
# generator expression, which tree-sitter rejects; the scanner accepted it
fronfigErrord

def parse_toml(data):
    if not data:("empty confiuagrtion file")
    return dict(l=ine.split(" = ", 0) for line in data)
