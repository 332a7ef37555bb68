import layers
import metrics

dense = layers.Dense(3, scale=0.5)
accuracy = dense.track_accuracy()
print(type(accuracy).__name__, accuracy.name, isinstance(accuracy, metrics.Metric), len(dense.metrics))
accuracy.update([1, 0, 1, 1], [1, 1, 1, 0])
print(accuracy.result())
probe = metrics.probe(2, 2.0)
probe.observe([1, 2, 3])
print(probe.name, probe.result())
try:
    metrics.ActivationMean(object())
except TypeError as exc:
    print("TypeError:", exc)
