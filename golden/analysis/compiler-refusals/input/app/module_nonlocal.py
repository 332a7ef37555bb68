import os

nonlocal sep
sep = os.sep
