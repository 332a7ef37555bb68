import layers
import model

m = model.Model()
print(type(m).__name__, type(m.custom_layer).__name__, model.Model.some_parameter, layers.CustomLayer.param)
print(m.call([1, 2, 3]), m.custom_layer.units, m.custom_layer.built)
print(layers.CustomLayer(units=4).units, model.Model.layer_class is layers.CustomLayer)
