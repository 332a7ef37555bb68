"""Summaries of each ETL run."""
import logging

import etl.extract

log = logging.getLogger(__name__)


def log_batch(count):
    log.info("loaded %d rows via %s", count, etl.extract.__name__)
