import crm.companies
import crm.contacts

acme = crm.companies.Company("ACME")
print(acme.hire("Ada", "ada@acme.example"))
print([type(c).__name__ for c in acme.staff], acme.staff[0].company is acme)
print(crm.contacts.format_contact(crm.contacts.Contact("Bob", "bob@example.com")))
