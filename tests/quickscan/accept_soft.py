import re
match = re.match("a", "b")
match.group(0)
type = 5
type(x).attr = 1
print(type)
case = 3
exec("code")
print("x", file=None)
