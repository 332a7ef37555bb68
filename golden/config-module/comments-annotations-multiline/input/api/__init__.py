"""Client for the demo API."""
