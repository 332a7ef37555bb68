"""The palette."""
from enum import Enum


class Color(Enum):
    RED = "#d62728"
    GREEN = "#2ca02c"
    BLUE = "#1f77b4"


from .brushes import Brush  # noqa: E402  (Brush needs Color)

DEFAULT_BRUSH = Brush("round", 3)
