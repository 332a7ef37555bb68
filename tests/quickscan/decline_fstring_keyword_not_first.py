# a keyword argument whose name does not start the argument: a syntax error
import os

x = f"{os(-a=1)}"
