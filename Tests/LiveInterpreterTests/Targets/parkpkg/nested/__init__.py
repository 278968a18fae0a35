"""Second package level: py-spy's short-filename rule walks up through every directory holding `__init__.py`."""
