from widgets.button import Button


class Canvas:
    def draw(self, widget: Button):
        return f"[{widget.label}]"
