"""A small blog engine."""
