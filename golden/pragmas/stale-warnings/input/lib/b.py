from lib import a  # decycle: ignore

NAME = "b"


def use():
    return a.use
