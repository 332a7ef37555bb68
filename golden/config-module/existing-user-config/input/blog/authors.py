"""Authors and their bylines."""
from .config import SITE_NAME
from .posts import MAX_TITLE_LENGTH


class Author:
    headline_limit = MAX_TITLE_LENGTH

    def __init__(self, name):
        self.name = name

    def byline(self):
        return f"by {self.name} for {SITE_NAME}"
