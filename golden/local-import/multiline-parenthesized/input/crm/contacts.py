from .companies import Company


class Contact:
    def __init__(self, name, email, company: Company = None):
        self.name = name
        self.email = email
        self.company = company


def format_contact(contact: Contact):
    where = contact.company.name if contact.company else "independent"
    return f"{contact.name} <{contact.email}> ({where})"
