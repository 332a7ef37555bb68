import os
import os.path
a, (b, *[c, d]) = 1, (2, [3])
os.r: int
