from p import Q
P = 1
