"""Writing and reading exports. Imports only :mod:`figures.models`.

* :mod:`.table`  — figures <-> pandas DataFrame with proper dtypes;
* :mod:`.files`  — CSV (spreadsheet-safe) and JSON Lines, written atomically, read back exactly;
* :mod:`.schema` — the JSON Schema of the models, as committed under ``schemas/``.
"""

from .files import atomic_writer, read, write
from .table import frame

__all__ = ["atomic_writer", "frame", "read", "write"]
