# model.py

from layers import CustomLayer
from base import Network

# Passed to load_model() so that saved models can be restored.
CUSTOM_OBJECTS = {"CustomLayer": CustomLayer}


class Model(Network):
  some_parameter = 10
  def __init__(self):
     super(Model, self).__init__()
     self.custom_layer = CustomLayer()  # Requires CustomLayer to be defined
     self.layers.append(self.custom_layer)

  def call(self, inputs):
    # Model implementation
    return self.custom_layer(inputs)
