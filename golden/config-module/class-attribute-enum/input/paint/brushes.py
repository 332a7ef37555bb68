"""Brushes."""
from .colors import Color


class Brush:
    default_color = Color.RED

    def __init__(self, shape, size, color=None):
        self.shape = shape
        self.size = size
        self.color = color or self.default_color

    def describe(self):
        return f"{self.shape} {self.size}px {self.color.name.lower()} ({self.color.value})"
