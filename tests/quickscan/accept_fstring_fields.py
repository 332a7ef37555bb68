# replacement fields the scanner accepts: starred and keyword arguments,
# powers, slices, conditional expressions, membership tests, comprehensions
import os

a = f"{os, *os}{os(*os)}{os(os, **os)}{os(**os)}{os ** 2}{os**os}{os(a=1, b =2)}"
b = f"{os[:]}{os[::2]}{os[1:2, ::3]}{os[a if b else c:]}{os(x)[:]}{os[a, :]}"
c = f"{a not in b}{a is not b}{a or []}{-a * -b}{os(*not a)}"
d = f"{[x for x, y in z]}{[x for x in y for z in x]}{(x for x in y)}{[x for x in a if b if c]}"
e = f"{[a if b else c for a in d]}{[a in b for a in c]}{os(x for x in y)(z)}{[x for x in y][0]}"
f = f"{os(x)(b=0)}{os(a)(**os)}{os(a, *os)}"
s9 = f"{x / 1_0 + 0 + 00 + 0.50 + 007.5}"
s10 = f"\{x} and \}} and {{"
