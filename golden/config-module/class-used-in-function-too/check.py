import store.model
import store.serializers

record = store.model.Model(name="Ada", year=1843)
data = record.dump()
print(data, store.model.Model.VERSION, store.serializers.Serializer.version)
again = store.serializers.Serializer().load(data)
print(type(again).__name__, again.fields, isinstance(again, store.model.Model))
try:
    store.serializers.Serializer().load({"version": 2})
except ValueError as exc:
    print("ValueError:", exc)
