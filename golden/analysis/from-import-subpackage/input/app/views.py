from app.ui import widgets

theme = {"primary": "#0055aa", "radius": 4}


def toolbar():
    return [widgets.Button(label) for label in ("Save", "Cancel")]
