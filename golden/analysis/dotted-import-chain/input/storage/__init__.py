"""Storage layer."""
from analytics.summary import register_metrics

register_metrics("storage")
