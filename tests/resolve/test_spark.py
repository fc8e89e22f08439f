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
