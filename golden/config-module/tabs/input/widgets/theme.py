"""Themes."""
from widgets.button import Button


class Theme:
	padding = 4
	border = "thin"

	def __init__(self, name, prefix):
		self.name = name
		self.prefix = prefix


DARK = Theme("dark", "*")
PREVIEW = Button("Preview")
