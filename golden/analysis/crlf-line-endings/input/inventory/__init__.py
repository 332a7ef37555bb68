"""Inventory management."""
