import tomllib

from config.loader import ConfigError


def parse_toml(data):
    try:
        return tomllib.loads(data.decode())
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(exc)) from exc
