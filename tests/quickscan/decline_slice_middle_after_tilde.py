# a slice's middle bound left out after `~`: a syntax error
import os

x = os.sep[1:~:2]
