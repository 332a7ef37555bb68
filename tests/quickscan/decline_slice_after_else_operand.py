# a conditional expression whose last operand is only a unary minus, then
# the colon of a slice: a syntax error
import os

x = os.sep[1 if os else -:]
