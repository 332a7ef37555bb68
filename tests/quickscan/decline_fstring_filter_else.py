# a comprehension's filter with an else: a syntax error
import os

x = f"{[x for x in os if a else c]}"
