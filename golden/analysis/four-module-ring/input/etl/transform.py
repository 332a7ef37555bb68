"""Normalise raw rows."""
from etl.load import TABLE_COLUMNS


def clean(row):
    return {key: row.get(key, "").strip() for key in TABLE_COLUMNS}
