from auth.user import User


class Session:
    def __init__(self, user: User):
        self.user = user
