import os

from i18n.messages import GREETINGS


def current_locale():
    return os.environ.get("LANG", "en")[:2]


SUPPORTED = sorted(GREETINGS)
