from crm.companies import Company


class Contact:
    def __init__(self, name, company: Company):
        self.name = name
        self.company = company


def export_contacts(contacts, path):
    from crm.export import write_csv

    write_csv(path, [(c.name, c.company.name) for c in contacts])
