"""Extraction beyond one machine: over the partitions of a Dask DataFrame or bag.

Needs the optional extra: ``pip install 'figures[dask]'``. Each partition is
a pandas DataFrame of articles (columns ``id``, ``text``, optional
``published``); :func:`extract_partition` turns it into the typed figures
frame, the same rows and dtypes as :func:`figures.frame` gives in one process.

>>> import dask.dataframe as dd                                   # doctest: +SKIP
>>> from dask.distributed import Client
>>> client = Client("tcp://scheduler:8786")                       # a real cluster
>>> articles = dd.read_parquet("s3://bucket/articles/")          # id, text, published
>>> found = extract_dataframe(articles)
>>> write_parquet(found, "s3://bucket/figures/")                  # one Parquet file per partition
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from .errors import InputError, SettingError
from .export import frame
from .export.parquet import read_parquet, schema
from .models import published_date
from .pipeline import extract_article


def _dask() -> Any:
    try:
        import dask.dataframe
    except ImportError:
        raise SettingError("dask", "is not installed: pip install 'figures[dask]'") from None
    return dask


def extract_partition(articles: pd.DataFrame, text: str = "text", id: str = "id",  # noqa: A002
                      published: str = "published") -> pd.DataFrame:
    """The figures of one pandas DataFrame of articles, as the typed figures frame.

    A row whose text is missing or whose date is not a date raises an
    :class:`InputError` naming the row's id: on a cluster, a task that fails
    is reported by Dask with that message.
    """
    for column in (id, text):
        if column not in articles.columns:
            raise SettingError(column, f"is not a column of the articles (they have {list(articles.columns)})")
    figures = []
    for row in articles.itertuples(index=False):
        data = row._asdict()
        doc_id = str(data[id])
        body = data[text]
        if not isinstance(body, str):
            raise InputError(doc_id, f"has no text in column {text!r}")
        when = data.get(published)
        try:
            date = None if when is None or pd.isna(when) else published_date(_as_date(when))
        except (TypeError, ValueError):
            raise InputError(doc_id, f"has a {published!r} that is not a date: {when!r}") from None
        url = data.get("url")
        figures.extend(extract_article(doc_id, body, date, url if isinstance(url, str) else None))
    return frame(figures)


def _as_date(value: object) -> dt.date | str:
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return str(value)[:10]


def extract_dataframe(articles: Any, text: str = "text", id: str = "id",  # noqa: A002
                      published: str = "published") -> Any:
    """A Dask DataFrame of figures from a Dask DataFrame of articles (``map_partitions``)."""
    _dask()
    return articles.map_partitions(extract_partition, text=text, id=id, published=published, meta=frame([]))


def extract_bag(articles: Any) -> Any:
    """A Dask bag of figure records (JSON-ready dicts) from a bag of article dicts."""
    _dask()

    def partition(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        rows = list(records)
        if not rows:
            return []
        figures = extract_partition(pd.DataFrame(rows))
        return [_json_ready(r) for r in figures.to_dict("records")]

    return articles.map_partitions(partition)


def _json_ready(record: dict[str, Any]) -> dict[str, Any]:
    from .models import Figure

    clean = {k: (None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v)
             for k, v in record.items()}
    return Figure(**clean).model_dump(mode="json")


def write_parquet(figures: Any, path: str | Path) -> None:
    """Write a Dask DataFrame of figures as partitioned Parquet (one file per partition), typed as
    :mod:`figures.export.parquet` types a single file."""
    _dask()
    import pyarrow

    figures.to_parquet(str(path), schema=schema(pyarrow), write_index=False)


def read_partitioned(path: str | Path) -> pd.DataFrame:
    """A folder of Parquet parts written by :func:`write_parquet`, as one typed frame in part order."""
    return read_parquet(path)
