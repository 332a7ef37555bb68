b,
c = 1
