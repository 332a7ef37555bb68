from crm.contacts import Contact


class Company:
    def __init__(self, name):
        self.name = name
        self.employees: list[Contact] = []

    def hire(self, name):
        self.employees.append(Contact(name, self))
