# slices of up to two colons per item, in several items and nested
import os

a = os.sep[::]
b = os.sep[1:2:1]
c = os.environ[os.sep[:1]:os.sep[::1], 1:2]
d = os.sep[lambda: 1 : 2]
