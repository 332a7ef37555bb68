"""mytool: a command line helper."""
