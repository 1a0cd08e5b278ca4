"""Language data: patterns, numeral maps and word lists, one subpackage per language.

Modules here hold *data* (compiled regex tables, dictionaries, word lists); the engines
that use them live in :mod:`kg.extract`. Adding a language means adding data, not code.
"""
