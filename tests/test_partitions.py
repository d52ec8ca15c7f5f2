"""Extraction over a Dask DataFrame on a LocalCluster of two worker processes equals one process."""

from __future__ import annotations

import json
from pathlib import Path

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from dask.distributed import Client, LocalCluster

from figures import InputError, SettingError, extract_many, frame
from figures.partitions import extract_bag, extract_dataframe, extract_partition, read_partitioned, write_parquet


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def _articles(seeds_jsonl: Path) -> pd.DataFrame:
    rows = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines()]
    extra = [{"id": f"wire-{i}", "text": f"Russia launched {100 + i} drones and {i + 2} missiles overnight, "
                                        f"Ukraine's air force said on Monday.", "published": "2025-05-12"}
             for i in range(20)]
    return pd.DataFrame(rows + extra).assign(published=lambda df: df.get("published"))


def _single_process(articles: pd.DataFrame, tmp_path: Path) -> pd.DataFrame:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({k: v for k, v in row.items() if v is not None and v == v}) + "\n"
                              for row in articles.to_dict("records")), encoding="utf-8")
    return frame(f for _, found in extract_many([corpus]) for f in found)  # type: ignore[misc]


def test_a_local_cluster_gives_the_single_process_result(client: Client, seeds_jsonl: Path, tmp_path: Path) -> None:
    articles = _articles(seeds_jsonl)
    expected = _single_process(articles, tmp_path)
    found = extract_dataframe(dd.from_pandas(articles, npartitions=4))
    result = found.compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(result, expected)
    write_parquet(found, tmp_path / "figures")
    assert len(list((tmp_path / "figures").glob("*.parquet"))) == 4
    pd.testing.assert_frame_equal(read_partitioned(tmp_path / "figures"), expected)


def test_a_bag_of_articles(client: Client, seeds_jsonl: Path, tmp_path: Path) -> None:
    articles = _articles(seeds_jsonl)
    records = [{k: v for k, v in row.items() if v is not None and v == v} for row in articles.to_dict("records")]
    found = extract_bag(db.from_sequence(records, npartitions=3)).compute()
    expected = _single_process(articles, tmp_path)
    assert [r["id"] for r in found] == list(expected["id"])
    assert all(isinstance(r["value"], str | None) for r in found)  # exact decimals as text


def test_bad_rows_and_columns_are_named() -> None:
    with pytest.raises(SettingError, match="^body: is not a column"):
        extract_partition(pd.DataFrame({"id": ["a"], "text": ["5 drones"]}), text="body")
    with pytest.raises(InputError, match="^b: has no text"):
        extract_partition(pd.DataFrame({"id": ["a", "b"], "text": ["5 drones", None]}))
    with pytest.raises(InputError, match="^a: has a 'published' that is not a date"):
        extract_partition(pd.DataFrame({"id": ["a"], "text": ["5 drones"], "published": ["soon"]}))
