# soft keywords and old statement names are names: no warning here
match = 1
case = 2
type = 3
print = 4
exec = 5
_ = match + case + type
"import else"  # a keyword in a string is no name
# nor in a comment: import else
