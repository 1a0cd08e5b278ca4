"""Extraction stages. Importing this package registers every built-in stage by name."""
from importlib import import_module

STAGE_MODULES = ("entities", "posts", "events", "statements", "citations")

for _name in STAGE_MODULES:
    try:
        import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as error:  # a stage still being written must not break the rest
        if error.name != f"{__name__}.{_name}":
            raise
