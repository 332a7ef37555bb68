"""Available storage backends."""
import analytics.summary

DEFAULT_BACKEND = "sql"
analytics.summary.register_metrics("backends")
