import os
with (os.open() as a, os.close() as b,):
    pass
with (os.x, os.y):
    pass
