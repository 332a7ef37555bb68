from app.forms import LoginForm


def csrf_token(request):
    return request.cookies.get("csrftoken", "")


def render_widget(widget):
    return f"<input name={widget.name!r}>"


def login_view(request):
    return LoginForm(request.POST, token=csrf_token(request))
