# fuzz_facts: a generator expression must be the only argument of a call
import os

f(**kw for kw in os.environ)
