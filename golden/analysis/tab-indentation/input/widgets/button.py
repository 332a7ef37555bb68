class Button:
	from widgets.theme import Theme

	default_theme = Theme("light")

	def __init__(self, label):
		self.label = label

	def render(self):
		from widgets.canvas import Canvas

		return Canvas().draw(self)
