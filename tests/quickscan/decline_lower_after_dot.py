def f():
    return (os.
x)
