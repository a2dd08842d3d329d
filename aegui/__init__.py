"""aegui: a desktop workbench for autoencoders."""

__version__ = "0.1.0"
