# `**` in parentheses that are no call, in a replacement field: a syntax
# error
import os

x = f"{(os, **os)}"
