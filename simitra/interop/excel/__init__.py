"""Excel templates, imports and list exports. Importing this package registers the sheets."""

from . import contributions, organisations, partnerships, values  # noqa: F401  (registers the sheets)
