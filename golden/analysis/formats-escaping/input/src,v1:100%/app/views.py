from app.models import Model


class Special(Model):
    pass


def render(obj):
    return repr(obj)
