"""Compile YAML fact files into news-explainer pages."""

__version__ = "0.1.0"
