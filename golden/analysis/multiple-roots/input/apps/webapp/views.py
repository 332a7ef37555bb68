from corelib.hooks import on_startup


@on_startup
def warm_cache():
    return "warm"


def index(request):
    return "hello"
