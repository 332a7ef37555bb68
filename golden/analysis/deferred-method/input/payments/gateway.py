from payments.refunds import Refund


class Gateway:
    def __init__(self, api_key):
        self.api_key = api_key

    def refund(self, charge_id, amount):
        return Refund(self, charge_id, amount)
