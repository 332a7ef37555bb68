# an empty subscript: a syntax error
import os

x = f"{os[]}"
