# model.py (Incorrect example)

from layers import CustomLayer
import tensorflow as tf

class Model(tf.keras.Model):
  some_parameter = 10
  def __init__(self):
     super(Model, self).__init__()
     self.custom_layer = CustomLayer()  # Requires CustomLayer to be defined

  def call(self, inputs):
    # Model implementation
    return self.custom_layer(inputs)

