"""The bundled plugins."""
from app.registry import register


@register("upper")
def upper(text):
    return text.upper()
