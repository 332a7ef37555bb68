from .shipments import Shipment


class Label:
    def __init__(self, shipment: Shipment):
        self.shipment = shipment

    def render(self):
        s = self.shipment
        return f"{s.carrier.name} | {s.reference} | {s.weight_kg:.1f} kg"
