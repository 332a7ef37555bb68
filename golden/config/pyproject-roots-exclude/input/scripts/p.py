from o import P
Q = P
