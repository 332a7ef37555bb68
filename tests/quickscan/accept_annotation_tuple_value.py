x: int = 1,
y: tuple = (1, 2)
z: "a, b" = 3
