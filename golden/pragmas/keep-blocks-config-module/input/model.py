# model.py

from layers import CustomLayer


class Model:
  some_parameter = 10
  layer_class = CustomLayer  # Requires CustomLayer to be defined

  def __init__(self):
     self.custom_layer = self.layer_class()  # Requires CustomLayer to be defined

  def call(self, inputs):
    # Model implementation
    return self.custom_layer.call(inputs)
