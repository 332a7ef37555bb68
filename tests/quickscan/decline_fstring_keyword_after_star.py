# a keyword argument after a star: a syntax error (found next to the fuzz input)
import os

x = f"{os(*a=1)}"
