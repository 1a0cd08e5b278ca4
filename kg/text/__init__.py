"""Plain-text helpers shared by readers and extractors: character clean-up and script conversion."""
from .normalize import (angle_quotes, clean_chars, clean_line, count_cjk, is_wide, join_inline, to_simplified)

__all__ = ["angle_quotes", "clean_chars", "clean_line", "count_cjk", "is_wide", "join_inline", "to_simplified"]
