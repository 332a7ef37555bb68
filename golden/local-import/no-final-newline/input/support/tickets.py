from support.agents import Agent


class Ticket:
    def __init__(self, title):
        self.title = title
        self.assignee = None

    def assign(self, name):
        self.assignee = Agent.find(name)
        return self.assignee


def escalate(ticket):
    ticket.assignee = Agent.find("lead")
    return f"{ticket.title} -> {ticket.assignee.name}"