"""chronique: evidence-backed political event data (PLOVER) from French news."""
__version__ = "0.2.0"
