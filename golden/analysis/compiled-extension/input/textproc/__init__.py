"""Text processing with a C accelerator."""
from textproc.tokenize import tokenize

__all__ = ["tokenize"]
