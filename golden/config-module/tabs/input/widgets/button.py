"""Buttons."""
from widgets.theme import Theme


class Button:
	padding = Theme.padding

	def __init__(self, label):
		self.label = label

	def render(self, theme=None):
		theme = theme or Theme("plain", "")
		pad = " " * self.padding
		return f"{theme.prefix}[{pad}{self.label}{pad}]"
