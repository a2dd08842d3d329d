"""Reusable widgets: image grids, loss plots."""
