from widgets.button import Button


class Theme:
    def __init__(self, name):
        self.name = name

    def style(self, button: Button):
        return {"theme": self.name, "label": button.label}
