def f(data):
    if (n := len(data)) > 10:
        return [y for x in data if (y := x)]
