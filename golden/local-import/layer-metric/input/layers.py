"""Custom layers."""
from metrics import Accuracy


class Dense:
    def __init__(self, units, scale=1.0):
        self.units = units
        self.scale = scale
        self.metrics = []

    def __call__(self, inputs):
        return [round(x * self.scale, 3) for x in inputs][: self.units]

    def track_accuracy(self):
        metric = Accuracy(f"dense_{self.units}_accuracy")
        self.metrics.append(metric)
        return metric
