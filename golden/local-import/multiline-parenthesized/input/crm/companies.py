"""Companies and their staff."""
from .contacts import (
    Contact,  # one person at a company
    format_contact,
)


class Company:
    def __init__(self, name):
        self.name = name
        self.staff = []

    def hire(self, name, email):
        contact = Contact(name, email, company=self)
        self.staff.append(contact)
        return format_contact(contact)
