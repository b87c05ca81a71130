"""Exporters to other grading platforms (one module per platform)."""
