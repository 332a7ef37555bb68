from formats.registry import LOADERS


def load(text):
    return dict(line.split(" = ", 1) for line in text.splitlines() if line)


assert "toml" in LOADERS
