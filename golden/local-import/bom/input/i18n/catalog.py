import os

from i18n.messages import Message


def current_locale():
    return os.environ.get("LANG", "en")[:2]


WELCOME = Message("welcome", {"en": "Welcome", "de": "Willkommen", "fr": "Bienvenue"})
