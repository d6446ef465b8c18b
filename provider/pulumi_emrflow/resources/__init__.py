"""The typed public resource classes users declare in programs."""
