"""Forms use widgets."""
from ui import widgets  # noqa: E402  # decycle: keep


class Form:
    def __init__(self, data):
        self.widget = widgets.Widget(data)


def clean(data):
    return data
