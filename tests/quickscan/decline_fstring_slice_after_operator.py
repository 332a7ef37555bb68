# a slice bound left out after a unary minus: a syntax error
import os

x = f"{os[-:]}"
