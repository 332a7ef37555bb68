from app.views import render_widget


class TextField:
    def __init__(self, name):
        self.name = name

    def render(self):
        return render_widget(self)
