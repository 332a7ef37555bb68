"""A small blog application."""
