import shipping.carriers
import shipping.parcels
import shipping.zones

parcel = shipping.parcels.Parcel(12)
carrier = shipping.carriers.Carrier("PostNL")
print(shipping.parcels.Parcel.max_weight_kg, shipping.carriers.MAX_WEIGHT_KG, shipping.parcels.CURRENCY, shipping.zones.HOME_ZONE)
print(carrier.name, carrier.zone, carrier.quote(parcel), shipping.zones.price_label(carrier.quote(parcel)))
print(shipping.carriers.Carrier.__init__.__defaults__, shipping.zones.price_label.__defaults__)
print(shipping.zones.CURRENCY is shipping.parcels.CURRENCY)
try:
    shipping.parcels.Parcel(45)
except ValueError as exc:
    print("ValueError:", exc)
