import os

for name in os.listdir("."):
    pass
else:
    break
