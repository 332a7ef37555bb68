"""Issue tracker."""
__version__ = "0.9.3"

from tracker.cli import main
