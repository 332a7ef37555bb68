import os
a = f"{x}"
b = f"{x!r:>{width}} {y=}"
c = rf"\d{x}"
d = b'bytes' rb"raw" Br'raw'
e = """multi
line""" '''and''' U"x"
g = f'{"nested"}' f"{x['k']}"
def fn():
    return f"{os.path.join(a, b)}"
h = "a" \
    "b"
i = (1 +
  2)
j = [
1,
2,
]
