"""The package version, on the ground floor so every layer can name it (``chronique.__version__`` re-exports it)."""
__version__ = "0.3.0"
