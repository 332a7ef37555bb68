# \N{...} escapes in f-strings, beside replacement fields
import os

x = f"\N{EM DASH} {os} \N{BULLET}"
y = f"{os}\N{LATIN SMALL LETTER E WITH ACUTE}"
