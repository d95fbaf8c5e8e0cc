"""corpus: turn news articles into a published, versioned, annotated dataset."""

__version__ = "0.1.0"
