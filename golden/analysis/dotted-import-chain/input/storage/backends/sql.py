import sqlite3


class SqlBackend:
    name = "sql"

    def connect(self, path=":memory:"):
        return sqlite3.connect(path)
