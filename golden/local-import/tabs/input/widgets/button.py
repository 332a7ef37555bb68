from widgets.theme import Theme


class Button:
	def __init__(self, label):
		self.label = label

	def render(self, theme_name="light"):
		theme = Theme.get(theme_name)
		return f"[{theme.prefix}{self.label}]"
