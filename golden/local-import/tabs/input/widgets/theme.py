from widgets.button import Button


class Theme:
	themes = {}

	def __init__(self, name, prefix):
		self.name = name
		self.prefix = prefix
		Theme.themes[name] = self

	@classmethod
	def get(cls, name):
		return cls.themes[name]


LIGHT = Theme("light", "")
DARK = Theme("dark", "*")
PREVIEW = Button("Preview")
