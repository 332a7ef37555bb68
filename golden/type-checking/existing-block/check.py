import fleet.drivers
import fleet.trucks

trucks = [fleet.trucks.Truck("B-TR 1", 7500), fleet.trucks.Truck("B-TR 2", 12000)]
print(fleet.drivers.Driver("Sam").drive(trucks[0]), trucks[0].driver.name, trucks[1].driver)
print(fleet.trucks.total_capacity(trucks))
print(fleet.trucks.Truck.assign.__annotations__, fleet.trucks.TYPE_CHECKING)
print(fleet.drivers.Driver.drive.__annotations__["truck"].__name__)
