"""Training metrics."""
from layers import Dense


class Metric:
    def __init__(self, name):
        self.name = name
        self.total = 0.0
        self.count = 0

    def result(self):
        return self.total / self.count if self.count else 0.0


class Accuracy(Metric):
    def update(self, predictions, targets):
        for predicted, expected in zip(predictions, targets):
            self.total += predicted == expected
            self.count += 1


class ActivationMean(Metric):
    def __init__(self, layer, name="activation_mean"):
        if not isinstance(layer, Dense):
            raise TypeError(f"expected a Dense layer, got {type(layer).__name__}")
        super().__init__(name)
        self.layer = layer

    def observe(self, inputs):
        outputs = self.layer(inputs)
        self.total += sum(outputs)
        self.count += len(outputs)


def probe(units, scale):
    return ActivationMean(Dense(units, scale), name=f"probe_{units}")
