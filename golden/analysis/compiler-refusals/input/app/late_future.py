"""A docstring may come before a future import; an import may not."""
import os
from __future__ import annotations

SEP = os.sep
