class User:
    def __init__(self, name, email, active=True):
        self.name = name
        self.email = email
        self.active = active

    def __repr__(self):
        state = "active" if self.active else "inactive"
        return f"User({self.name!r}, {self.email!r}, {state})"
