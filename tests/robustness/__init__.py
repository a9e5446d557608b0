"""Robustness: hostile inputs, property-based tests, store safety, API abuse (issue #9)."""
