import csv

from crm.contacts import Contact


def write_csv(path, rows):
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)


def contact_row(contact: Contact):
    return (contact.name, contact.company.name)
