import os
import sys

import numpy as np
import pandas as pd

from analytics.plots import histogram

DATA_DIR = os.environ.get("DATA_DIR", sys.prefix)


def describe(path):
    frame = pd.read_csv(os.path.join(DATA_DIR, path))
    return {"mean": np.mean(frame.values), "plot": histogram(frame)}
