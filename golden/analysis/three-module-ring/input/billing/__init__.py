"""Invoicing and tax."""
