# a binary operator right before the closing parenthesis: a syntax error
import os

x = f"{os(a +)}"
