"""The app's runs: the list of run folders, comparing them, and studies of one setting."""
