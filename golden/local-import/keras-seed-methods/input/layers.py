# layers.py

from base import Layer
from model import Model

class CustomLayer(Layer):
  def __init__(self):
    super(CustomLayer, self).__init__()
    self.param = Model.some_parameter  # Requires Model to be fully defined

  def call(self, inputs):
    # Layer implementation
    return [x * self.param for x in inputs]

  def get_config(self):
    return {"param": self.param, "model_default": Model.some_parameter}
