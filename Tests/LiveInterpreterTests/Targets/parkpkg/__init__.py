"""A package, so that one parked frame has a package-relative short filename (`parkpkg/nested/through_c.py`)."""
