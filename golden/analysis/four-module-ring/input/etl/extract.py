"""Read raw rows from CSV sources."""
import csv

from etl import transform


def read_rows(path):
    with open(path, newline="") as handle:
        return [transform.clean(row) for row in csv.DictReader(handle)]
