from auth.session import Session
from media.image import Image


class User:
    def __init__(self, name, avatar_path):
        self.name = name
        self.avatar = Image(avatar_path)

    def login(self):
        return Session(self)
