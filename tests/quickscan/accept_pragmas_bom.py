import os  # decycle: keep
