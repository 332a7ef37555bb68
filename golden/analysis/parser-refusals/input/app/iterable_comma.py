squares = [n * n for n in 1, 2, 3]
