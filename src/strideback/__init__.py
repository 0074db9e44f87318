"""strideback: a local-first companion for runners living with sciatica."""

__version__ = "0.1.0"
