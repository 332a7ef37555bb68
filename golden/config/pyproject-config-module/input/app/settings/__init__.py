"""Settings of the shop."""
from .base import DEBUG, LANGUAGE
