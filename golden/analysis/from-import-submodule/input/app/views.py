from app.forms import login


def render_page(name, **context):
    return f"<{name}>{context}</{name}>"


def login_view(request):
    form = login.LoginForm(request.POST)
    return render_page("login", form=form)
