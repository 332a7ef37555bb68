# a colon in a list display: a syntax error
import os

x = f"{[os:1]}"
