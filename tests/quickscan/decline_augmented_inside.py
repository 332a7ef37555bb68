count = 0
first = count += 1
