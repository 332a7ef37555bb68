import os
if x:
    pass
        # deeper comment
os.z
