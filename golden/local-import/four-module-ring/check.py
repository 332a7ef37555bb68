import datetime

import library.books
import library.loans
import library.members
import library.notices

member = library.members.Member("Grace", card="C-42")
book = library.books.Book("978-0262033848", "Introduction to Algorithms")
loan = book.lend_to(member, datetime.date(2024, 1, 2))
print(loan.due(), book.loan is loan, len(member.loans))
library.notices.remind(loan)
other = library.loans.Lendable().lend_to(member, datetime.date(2024, 3, 1))
library.notices.remind(other)
print(member.inbox)
print(library.loans.overdue(member.loans, datetime.date(2024, 2, 1)) == [loan])
guest = library.loans.guest_member("Visitor")
print(type(guest).__name__, guest.card)
