# layers.py (Incorrect example)

from model import Model

class CustomLayer(tf.keras.layers.Layer):
  def __init__(self):
    super(CustomLayer, self).__init__()
    self.param = Model.some_parameter  # Requires Model to be fully defined

  def call(self, inputs):
    # Layer implementation
    return inputs
