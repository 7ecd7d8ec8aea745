"""Excel templates, imports and list exports. Importing this package registers the sheets."""

from . import organisations, partnerships  # noqa: F401  (registers the sheets)
