"""Application entry point."""
import sys

match sys.platform:
    case "win32":
        from desktop.backends.windows import Backend
    case "darwin":
        from desktop.backends.macos import Backend
    case _:
        from desktop.backends.linux import Backend


class App:
    def __init__(self):
        self.backend = Backend(self)
