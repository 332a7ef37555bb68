"""Load configuration files."""
import sys

if sys.version_info >= (3, 11):
    from config.toml_native import parse_toml
elif sys.platform == "win32":
    from config.toml_windows import parse_toml
else:
    from config.toml_vendored import parse_toml


class ConfigError(Exception):
    pass


def load(path):
    with open(path, "rb") as handle:
        return parse_toml(handle.read())
