from config.loader import ConfigError


def parse_toml(data):
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    if not text:
        raise ConfigError("empty configuration file")
    return dict(line.split(" = ", 1) for line in text.splitlines() if " = " in line)
