"""Brushes and colours."""
