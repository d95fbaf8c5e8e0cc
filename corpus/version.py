"""The package's version, in a module of its own so that code inside the package can read it
without importing the package face (``corpus/__init__.py``)."""

__version__ = "0.2.0"
