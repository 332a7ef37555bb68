"""Form classes."""
