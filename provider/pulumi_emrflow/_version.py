"""The package version (semantic versioning; CHANGELOG.md says what each release changed).

Its own module so that pyproject.toml reads it without importing the package, and so that the
Makefile reinstalls the package metadata when it changes.
"""

__version__ = "0.2.0.dev0"
