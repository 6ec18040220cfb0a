"""factcheck: what several sources say about a number, side by side, with every claim proven against its source."""

__version__ = "0.1.0"
