# a comprehension without `in`: a syntax error
import os

x = f"{[a for a]}"
