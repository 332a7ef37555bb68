# slices of up to two colons per item, in several items and nested
import os

a = os.sep[::]
b = os.sep[1:2:1]
c = os.environ[os.sep[:1]:os.sep[::1], 1:2]
d = os.sep[lambda: 1 : 2]
e = os.sep[-1:], os.sep[:-1], os.sep[::-1], os.sep[-1:-2:-1]
f = os.sep[:, 1:], os.sep[1, :], os.sep[:, :, ::]
g = os.sep[not a:], os.sep[~1:], os.sep[a if b else -1:]
