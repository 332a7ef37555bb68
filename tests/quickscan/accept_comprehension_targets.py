# Comprehension targets the scanner checks and accepts.
import os

pairs = [(k, v) for k, v in os.environ.items()]
nested = [c for a, (b, *c) in [(1, (2, 3))]]
attrs = {o.x: 1 for o.x in []}
