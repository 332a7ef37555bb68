# a ** item cannot start a comprehension
import os

S = {**a for a in os.environ}
