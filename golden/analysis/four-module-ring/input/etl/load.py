"""Write clean rows to the warehouse."""
import sqlite3

from etl.report import log_batch

TABLE_COLUMNS = ("id", "name", "amount")


def load(rows, db_path="warehouse.db"):
    with sqlite3.connect(db_path) as conn:
        conn.executemany("INSERT INTO sales VALUES (?, ?, ?)", [tuple(r.values()) for r in rows])
    log_batch(len(rows))
