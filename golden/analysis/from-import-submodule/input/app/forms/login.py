from app.views import render_page


class LoginForm:
    def __init__(self, data):
        self.data = data

    def render(self):
        return render_page("form", fields=sorted(self.data))
