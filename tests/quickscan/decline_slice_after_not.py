# a slice bound left out after `not`: a syntax error
import os

x = os.sep[not:]
