from i18n.catalog import current_locale

GREETINGS = {"de": "Grüß Gott", "fr": "Bonjour à tous", "ja": "こんにちは"}


class Message:
    def __init__(self, key, translations):
        self.key = key
        self.translations = translations

    def render(self):
        return self.translations.get(current_locale(), self.translations["en"])


def greeting():
    return GREETINGS.get(current_locale(), "Hello")
