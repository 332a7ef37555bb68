import layers
import model

m = model.Model()
print(type(m).__name__, type(m.custom_layer).__name__, m.custom_layer.param)
print(m.call([1, 2, 3]), m.custom_layer.built, len(m.layers))
print(m.custom_layer.get_config())
print(sorted(model.CUSTOM_OBJECTS), model.CUSTOM_OBJECTS["CustomLayer"] is layers.CustomLayer)
