# a slice with three colons: a syntax error
import os

x = f"{os[:::]}"
