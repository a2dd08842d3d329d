"""Qt widgets: the main window, one module per tab, and reusable widgets."""
