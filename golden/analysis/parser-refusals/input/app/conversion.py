name = "x"
label = f"{name!z}"
