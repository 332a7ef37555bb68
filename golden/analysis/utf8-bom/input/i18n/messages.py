from i18n.catalog import current_locale

GREETINGS = {"de": "Grüß Gott", "fr": "Bonjour à tous", "ja": "こんにちは"}


def greeting():
    return GREETINGS.get(current_locale(), "Hello")
