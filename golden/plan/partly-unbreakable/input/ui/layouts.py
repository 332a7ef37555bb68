class Layout:
    def arrange(self, children):
        return "[" + " | ".join(children) + "]"


from ui.widgets import Widget  # noqa: E402


class Grid(Layout, Widget):
    columns = 2
