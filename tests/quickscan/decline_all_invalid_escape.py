"""A tiny ORM."""


class Session:
    def __init__(self, url):
        self.url = url


from orm.query import Query  # noqa: E403

__all__ = ["Q\ery", "Session"]
