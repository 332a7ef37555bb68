import matplotlib.pyplot as plt
from numpy.typing import ArrayLike

from analytics.stats import DATA_DIR


def histogram(values: ArrayLike, bins=20):
    figure, axes = plt.subplots()
    axes.hist(values, bins=bins)
    figure.savefig(f"{DATA_DIR}/histogram.png")
    return figure
