import orm.engine

default_session: orm.Session = None


class Query:
    def __init__(self, model, session=None):
        self.model = model
        self.session = session or default_session

    def all(self):
        return orm.engine.execute(self.session, f"SELECT * FROM {self.model.__tablename__}")
