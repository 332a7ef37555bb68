"""Widgets can preview a view."""
from ui import views


class Widget:
    def __init__(self, data):
        self.data = data

    def preview(self):
        return views.render(self.data)
