import os

for a in os.b:
    pass
else:
    break
