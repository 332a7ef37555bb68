# "~" starting an operand in an f-string field is accepted.
FLAGS = 6
MASK = f"{~FLAGS} {-1} {1 - 2} {FLAGS * 2}"
