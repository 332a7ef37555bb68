import warehouse.labels
import warehouse.shipments

shipment = warehouse.shipments.Shipment("SH-1", 3.5)
print(shipment.price(), shipment.label())
express = warehouse.shipments.Shipment("SH-2", 1.0, warehouse.carriers.by_code("dhl"))
print(express.price(), warehouse.labels.Label(express).render())
