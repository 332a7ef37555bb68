import os

first, *(rest) = os.sep
