from vendored.x import X
Y = X
