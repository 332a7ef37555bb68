from support.tickets import Ticket


class Agent:
    directory = {}

    def __init__(self, name):
        self.name = name
        Agent.directory[name] = self

    @classmethod
    def find(cls, name):
        return cls.directory[name]


for _name in ("ada", "lead"):
    Agent(_name)

WELCOME_TICKET = Ticket("Welcome aboard")
