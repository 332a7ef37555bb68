import shipping.addresses
import shipping.parcels

home = shipping.addresses.Address("1 Main St", "Springfield")
parcel = home.ship(2.25)
print(type(parcel).__name__, parcel.label())
print(shipping.parcels.heaviest([parcel, home.ship(7.5)]).label(), shipping.parcels.heaviest([]))
print(shipping.parcels.Parcel.__init__.__annotations__)
print(shipping.parcels.heaviest.__annotations__)
print(shipping.addresses.Address.ship.__annotations__["return"].__name__)
