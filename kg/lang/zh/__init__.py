"""Chinese (simplified; traditional text is converted by the readers) language data."""
