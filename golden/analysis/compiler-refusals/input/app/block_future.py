import os

if os.name:
    from __future__ import annotations
