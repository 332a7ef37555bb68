from __future__ import annotations, nested_scopez
