# `not` between two operands: a syntax error
import os

x = f"{a not b}"
