"""Reusable widgets."""
from app.views import theme

from .button import Button

PRIMARY_COLOR = theme["primary"]
