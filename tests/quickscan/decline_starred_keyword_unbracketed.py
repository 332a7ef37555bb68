# a starred None after a comma, outside brackets: Python takes it, tree-sitter does not
import os

pair = os.sep, *None
