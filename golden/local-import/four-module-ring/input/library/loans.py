import datetime

from library.members import Member


class Lendable:
    def __init__(self):
        self.loan = None

    def lend_to(self, member, start):
        if not isinstance(member, Member):
            raise TypeError("only members can borrow")
        self.loan = Loan(self, member, start)
        member.loans.append(self.loan)
        return self.loan


class Loan:
    PERIOD = datetime.timedelta(days=21)

    def __init__(self, item, member, start):
        self.item = item
        self.member = member
        self.start = start

    def due(self):
        return self.start + self.PERIOD


def guest_member(name):
    return Member(name, card=None)


def overdue(loans, today):
    return [loan for loan in loans if loan.due() < today and isinstance(loan.member, Member)]
