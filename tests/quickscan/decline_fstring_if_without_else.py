# a conditional expression without else before a slice colon: a syntax error
import os

x = f"{os[a if b:]}"
