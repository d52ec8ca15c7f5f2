"""Figures as a pandas DataFrame with proper dtypes.

Offsets are nullable integers (``Int64``), qualifier and category are
categoricals over their fixed sets, text is ``string``, values and bounds
are exact :class:`decimal.Decimal` objects (``object`` dtype): floats would
round ``0.1`` and anything past 2**53; the publication date is a
:class:`datetime.date` (``object`` dtype). Window ends stay ISO text, since
they may carry a time of day and a UTC offset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from ..models import CATEGORIES, COLUMNS, QUALIFIERS, Figure

if TYPE_CHECKING:  # pandas is imported where it is used: extracting never loads it (0.2 s)
    import pandas as pd

INTEGER_COLUMNS = ("start", "end", "time_text_start", "time_text_end", "speaker_start", "speaker_end")
DECIMAL_COLUMNS = ("value", "low", "high")
DATE_COLUMNS = ("published",)
CATEGORY_COLUMNS = {"qualifier": QUALIFIERS, "category": CATEGORIES}
TEXT_COLUMNS = tuple(c for c in COLUMNS
                     if c not in INTEGER_COLUMNS + DECIMAL_COLUMNS + DATE_COLUMNS and c not in CATEGORY_COLUMNS)


def frame(figures: Iterable[Figure]) -> pd.DataFrame:
    """A DataFrame of figures, one row each, columns in export order."""
    import pandas as pd

    rows = [f.model_dump() for f in figures]
    return typed(pd.DataFrame(rows, columns=list(COLUMNS)))


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """Give a frame of figure columns (as read from any format) the project's dtypes."""
    import pandas as pd

    out = pd.DataFrame(index=df.index)
    for column in COLUMNS:
        series = df[column] if column in df else pd.Series([None] * len(df), index=df.index)
        if column in INTEGER_COLUMNS:
            out[column] = pd.array([None if _missing(v) else int(v) for v in series], dtype="Int64")
        elif column in DECIMAL_COLUMNS:
            out[column] = pd.Series([None if _missing(v) else Decimal(str(v)) for v in series],
                                    index=df.index, dtype=object)
        elif column in DATE_COLUMNS:
            out[column] = pd.Series([None if _missing(v) else _date(v) for v in series], index=df.index, dtype=object)
        elif column in CATEGORY_COLUMNS:
            out[column] = pd.Categorical([None if _missing(v) else str(v) for v in series],
                                         categories=CATEGORY_COLUMNS[column])
        else:
            out[column] = pd.array([None if _missing(v) else str(v) for v in series], dtype="string")
    return out


def _date(value: object) -> dt.date:
    import pandas as pd

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    return dt.date.fromisoformat(str(value))


def _missing(value: object) -> bool:
    import pandas as pd

    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and value != value
