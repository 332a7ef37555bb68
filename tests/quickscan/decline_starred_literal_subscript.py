# a starred operand that does not start with a name, in a subscript: valid
# Python that tree-sitter rejects (in a call or a list it takes it)
import os

first = os.environ[*"ab"]
