from config.loader import ConfigError


def parse_toml(data):
    if not data:
        raise ConfigError("empty configuration file")
    return dict(line.split(" = ", 1) for line in data.decode().splitlines() if " = " in line)
