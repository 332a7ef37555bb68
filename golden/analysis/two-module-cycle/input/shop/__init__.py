"""Online shop domain models."""
