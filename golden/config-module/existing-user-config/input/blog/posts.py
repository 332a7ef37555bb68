"""Blog posts."""
from .authors import Author

MAX_TITLE_LENGTH = 80
ANONYMOUS = Author("anonymous")


class Post:
    def __init__(self, title, author=ANONYMOUS):
        if len(title) > MAX_TITLE_LENGTH:
            raise ValueError(f"title longer than {MAX_TITLE_LENGTH} characters")
        self.title = title
        self.author = author

    def heading(self):
        return f"{self.title} ({self.author.byline()})"
