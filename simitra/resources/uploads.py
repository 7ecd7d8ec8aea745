"""Kept because the first migrations of resources and agreements name the storage of their files
here; the upload code itself lives in `simitra.lib.uploads`."""

from simitra.lib.uploads import PrivateStorage

__all__ = ["PrivateStorage"]
