import os  # decycle: keep
from . import a  # decycle: ignore
