"""figures: extract every numeric claim from news articles into a typed, source-checked table.

>>> from figures import extract
>>> [(f.surface, str(f.value), f.qualifier) for f in extract("Russia launched more than 100 drones.")]
[('more than 100 drones', '100', 'more_than')]
"""

from __future__ import annotations

__version__ = "0.1.0"

from .compare import compare
from .errors import DataFileError, ExportError, FiguresError, InputError, SettingError
from .export import frame
from .export import read
from .models import Document, Figure
from .pipeline import extract, extract_document, extract_many

__all__ = [
    "DataFileError",
    "Document",
    "ExportError",
    "Figure",
    "FiguresError",
    "InputError",
    "SettingError",
    "__version__",
    "compare",
    "extract",
    "extract_document",
    "extract_many",
    "frame",
    "read",
]
