from vendored.y import Y
X = 1
