"""Plane geometry."""
