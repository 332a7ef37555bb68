"""Views render forms and models."""
from ui.forms import (  # decycle: keep
    Form,
    clean,
)
from ui.models import (
    Model,
)  # decycle: ignore


def render(data):
    return Form(clean(data)), Model()
