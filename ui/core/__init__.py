"""The bottom layer of the interface: session keys with their defaults, translation and formatting, text
escaping, and the model sets the pages offer. Imports nothing else from ``ui``."""
