options, items = {}, []
print(**options, *items)
