options = {}
print(**options, "x")
