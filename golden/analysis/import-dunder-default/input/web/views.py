"""HTTP views."""


def render(template, context=None, engine=__import__("web.templates", fromlist=["ENGINE"]).ENGINE):
    return engine.render(template, context or {})


def home(request):
    return render("home.html", {"user": request.user})
