class Widget:
    def render(self):
        return f"<{type(self).__name__.lower()}>"


from ui.layouts import Layout  # noqa: E402


class Panel(Layout, Widget):
    def render(self):
        return super().render() + self.arrange(["header", "body"])
