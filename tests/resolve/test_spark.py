"""The same resolution on Spark (local mode): same clusters and model as the local engine."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator

import numpy as np
import pytest

from interlink.resolve import build, resolve
from tests.resolve.test_engine import _noisy_people

pyspark = pytest.importorskip("pyspark", reason="the spark extra is not installed")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.fail("Spark needs a Java runtime (default-jre-headless)", pytrace=False)


@pytest.fixture(scope="module")
def spark() -> Iterator:
    from pyspark.sql import SparkSession

    saved = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable  # workers run our interpreter and packages
    session = (SparkSession.builder.master("local[1]").appName("interlink-resolve-test")
               .config("spark.sql.shuffle.partitions", "1")
               .config("spark.default.parallelism", "1")
               .config("spark.ui.enabled", "false")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if saved is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = saved


def test_spark_gives_the_local_clusters(spark) -> None:  # type: ignore[no-untyped-def]
    from interlink.resolve.spark import resolve_spark

    table, truth = _noisy_people(240, seed=11)
    # mixed inputs: full names (some in Arabic script) for every other row, split ones else
    full = table["first_name"] + " " + table["last_name"]
    table["name"] = np.where(np.arange(len(table)) % 2 == 0, full, "")
    table.loc[table["name"] != "", ["first_name", "last_name"]] = ""
    table.loc[4, "name"] = "محمد عمره"
    table.loc[6, "name"] = "Mohamed Amra"
    ids = table["id"].to_numpy(dtype=object)
    source = np.where(np.arange(len(table)) % 2 == 0, "A", "B").astype(object)
    local = resolve(build(ids, table.drop(columns=["id"]), source))
    local_clusters = dict(zip(ids.tolist(), local.cluster_ids().tolist(), strict=True))

    sdf = spark.createDataFrame(table.assign(source=source))
    pairs, clusters, trained = resolve_spark(spark, sdf)
    spark_clusters = {r["id"]: r["cluster_id"] for r in clusters.collect()}
    assert spark_clusters == local_clusters
    assert len(set(spark_clusters.values())) < len(spark_clusters)  # duplicates were found
    found = {(r["left_id"], r["right_id"]) for r in pairs.collect()}
    k = local.matches()
    expected = {(ids[a], ids[b]) for a, b in zip(local.left[k], local.right[k], strict=True)}
    assert found == expected
    assert abs(trained.prior - local.model.prior) < 1e-6
    for ms, ml in zip(trained.m, local.model.m, strict=True):
        assert np.allclose(ms, ml, atol=1e-6)


def test_spark_reads_the_local_engine_s_typing_slips(spark) -> None:  # type: ignore[no-untyped-def]
    """"bahsir djerbal" (a slip of Bashir, which six records spell right) born a day after
    بشير جربال: the filtered rule on a name part and the birth year keeps the pair only when
    the whole names score >= 0.75, i.e. when "bahsir" is read as "bashir" (slips.py). The
    Spark batches hold neither the column's counts nor "bashir": they read the column's
    slips found on the driver, and give the local engine's clusters, pairs and model."""
    import pandas as pd

    from interlink.resolve.spark import resolve_spark

    table, _ = _noisy_people(120, seed=11)
    table["name"] = table["first_name"] + " " + table["last_name"]
    table[["first_name", "last_name"]] = ""
    extra = [("x0", "بشير جربال", "1951-07-02"), ("x1", "bahsir djerbal", "1951-07-03")] + [
        (f"x{2 + i}", f"bashir {s}", f"19{60 + i}-01-0{1 + i}") for i, s in enumerate(
            ["amrani", "tazi", "idrissi", "alaoui", "bennani", "chraibi"])]
    table = pd.concat([table, pd.DataFrame(
        [{"id": i, "name": n, "birth_date": d} for i, n, d in extra])],
        ignore_index=True).fillna("")
    ids = table["id"].to_numpy(dtype=object)
    local = resolve(build(ids, table.drop(columns=["id"])))
    local_clusters = dict(zip(ids.tolist(), local.cluster_ids().tolist(), strict=True))
    assert local_clusters["x0"] == local_clusters["x1"]

    pairs, clusters, trained = resolve_spark(spark, spark.createDataFrame(table))
    assert {r["id"]: r["cluster_id"] for r in clusters.collect()} == local_clusters
    k = local.matches()
    assert {(r["left_id"], r["right_id"]) for r in pairs.collect()} == {
        (ids[a], ids[b]) for a, b in zip(local.left[k], local.right[k], strict=True)}
    for ms, ml in zip(trained.m, local.model.m, strict=True):
        assert np.allclose(ms, ml, atol=1e-6)
