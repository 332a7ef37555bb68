from plugins.loader import load_default


def hook(func):
    return func


class MarkdownPlugin:
    def render(self, text):
        return text.replace("**", "<b>", 1)


assert callable(load_default)
