# a starred argument whose operand is a number: tree-sitter rejects it
import os

x = f"{os(* 2)}"
