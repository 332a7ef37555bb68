import os
if x:
    import a
# comment
    import b
import c
