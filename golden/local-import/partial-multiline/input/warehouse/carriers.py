class Carrier:
    def __init__(self, code, name):
        self.code = code
        self.name = name


def by_code(code):
    return {"ups": Carrier("ups", "UPS"), "dhl": Carrier("dhl", "DHL")}[code]
