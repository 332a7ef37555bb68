from accounts import User

_users = {}


def register(name, email):
    if name in _users:
        raise ValueError(f"user {name!r} exists")
    user = _users[name] = User(name, email)
    return user


def deactivate(name):
    user = _users[name]
    user.active = False
    return user


def is_user(value):
    return isinstance(value, User)
