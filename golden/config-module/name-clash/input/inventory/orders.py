"""Orders and how many lines one may have."""
from .lines import OrderLine

LIMIT = 20
SAMPLE = OrderLine("sample", 1)
