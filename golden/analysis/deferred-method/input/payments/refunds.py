class Refund:
    def __init__(self, gateway, charge_id, amount):
        self.gateway = gateway
        self.charge_id = charge_id
        self.amount = amount

    def submit(self):
        from payments.gateway import Gateway

        assert isinstance(self.gateway, Gateway)
        return {"charge": self.charge_id, "amount": self.amount}

    @classmethod
    def for_test(cls):
        from payments.gateway import Gateway

        return cls(Gateway("sk_test"), "ch_1", 100)

    @property
    def gateway_name(self):
        import payments.gateway

        return payments.gateway.Gateway.__name__
