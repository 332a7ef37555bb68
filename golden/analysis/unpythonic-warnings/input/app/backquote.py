import os

sep = `os.sep`
