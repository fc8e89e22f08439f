"""The same resolution on Apache Spark, for data that outgrows one machine.

    from interlink.resolve.spark import resolve_spark
    pairs, clusters = resolve_spark(spark, df)     # df: id + the CLI's columns [+ source]

Same steps, same code, distributed: features are derived per record by frame.build inside
`mapInPandas`; blocking is a join on each rule's key (the keys blocking.py builds, as strings);
candidate pairs are compared in batches by compare.py's own comparison functions; u is
estimated on the very random pairs a local run draws (engine.random_pairs, same seed), and m and
the prior by model.em on the agreement patterns counted by Spark; pairs are scored by
model.score and model.tf_adjustment; clusters are connected components, found by min-label
propagation. On the same records it gives the same clusters as `engine.resolve` (a test checks
it in Spark local mode).

Typing slips (slips.py) are read as the local engine reads them: the whole name column's
slips are found once on the driver (_slip_dictionary) and every batch's names read them;
the blocking rule on slips (blocking.SLIPS_RULE) is not distributed yet.

Linking only (`link_only=True`) keeps the pairs of different sources, but joins them as plain
components: the local engine's exclusivity comparison and one-record-per-source clustering
(exclusivity.py, cluster.one_per_source), which need every candidate's first-pass score per
record, are not distributed yet.

PySpark is an optional dependency (the `spark` extra) and needs a Java 17+ runtime.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd

from interlink.resolve import model
from interlink.resolve.blocking import (
    DEFAULT_MAX_BLOCK,
    FILTERED_RULES,
    INITIALS_RULE,
    NAME_MAX_BLOCK,
    NAME_RULES,
    RULES,
    SLIPS_RULE,
    filter_comparisons,
    passes_filter,
    passes_initials_filter,
    slip_apart,
)
from interlink.resolve.compare import NULL, Comparison, compare_pairs, comparisons_for, u_mask
from interlink.resolve.engine import DEFAULT_THRESHOLD, U_SAMPLE, random_pairs
from interlink.resolve.frame import FEATURES, Column, Frame, build, feature_table, from_features

_MAX_ITER = 100  # label propagation rounds (each halves the longest path, roughly)


def _features_of(kind: str, columns: list[str]):  # type: ignore[no-untyped-def]
    def derive(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            data = pdf[[c for c in columns if c in pdf.columns]].fillna("").astype(str)
            frame = build(pdf["id"].to_numpy(dtype=object), data,
                          pdf["source"].to_numpy(dtype=object), kind)
            out = feature_table(frame)
            out.insert(0, "row", pdf["row"].to_numpy(dtype=np.int64))
            out.insert(1, "id", pdf["id"].astype(str).to_numpy())
            out.insert(2, "source", pdf["source"].astype(str).to_numpy())
            yield out

    return derive


def _frame_of_pairs(pdf: pd.DataFrame, kind: str,
                    slips: dict[str, tuple[str, ...]] | None = None
                    ) -> tuple[Frame, np.ndarray, np.ndarray]:
    """A frame of the left records then the right records of a batch of pairs; `slips`,
    the whole name column's (_slip_dictionary), lets its names read the local engine's
    typing slips."""
    k = len(pdf)
    left = pdf[[f"l_{f}" for f in FEATURES]].set_axis(list(FEATURES), axis=1)
    right = pdf[[f"r_{f}" for f in FEATURES]].set_axis(list(FEATURES), axis=1)
    features = pd.concat([left, right], ignore_index=True)
    ids = np.r_[pdf["l_row"].to_numpy(), pdf["r_row"].to_numpy()].astype(str).astype(object)
    source = np.r_[pdf["l_source"].to_numpy(dtype=object), pdf["r_source"].to_numpy(dtype=object)]
    frame = from_features(ids, features, source, kind)
    if "name" in frame.cols:  # a batch's counts of names are not the column's: no slips
        frame.cols["name"].cache["slips"] = False
        if slips:  # ... but the column's own, read once on the driver
            frame.cols["name"].cache["slip_dictionary"] = slips
    return frame, np.arange(k), np.arange(k, 2 * k)


def _slip_dictionary(feats: Any, kind: str) -> dict[str, tuple[str, ...]]:
    """The typing slips of the whole name column (namesim.NameTable.slip_dictionary: each
    Latin part few records hold with the spellings many hold one edit away), from its
    distinct names and how many records hold each, as the local engine reads them from its
    column (namesim.table_of). Collected on the driver: one row per distinct name."""
    from pyspark.sql import functions as F

    from interlink.resolve.namesim import SLIPS, NameTable

    if not SLIPS:
        return {}
    held = feats.where(F.col("name") != "").groupBy("name").count().toPandas()
    if held.empty:
        return {}
    table = NameTable(held["name"].to_numpy(dtype=object), kind,
                      held=held["count"].to_numpy(dtype=np.int64))
    return table.slip_dictionary()


def _levels_of(comps: list[Comparison], kind: str,  # type: ignore[no-untyped-def]
               slips: dict[str, tuple[str, ...]] | None = None):
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            frame, left, right = _frame_of_pairs(pdf, kind, slips)
            levels = compare_pairs(frame, comps, left, right)
            out = pd.DataFrame({"a": pdf["l_row"].to_numpy(), "b": pdf["r_row"].to_numpy()})
            for j in range(len(comps)):
                out[f"lv{j}"] = levels[:, j].astype(np.int32)
            yield out

    return run


def _scores_of(comps: list[Comparison], trained: model.Model, shares: dict[str, dict],
               averages: dict[str, float]):  # type: ignore[no-untyped-def]
    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for pdf in batches:
            levels = pdf[[f"lv{j}" for j in range(len(comps))]].to_numpy(dtype=np.int8)
            tf: model.TermFrequencies = {}
            for name, table in shares.items():
                lv, rv = pdf[f"l_{name}"].to_numpy(dtype=object), pdf[f"r_{name}"].to_numpy(
                    dtype=object)
                same = (lv == rv) & (lv != "")
                share = np.array([table.get(v, 0.0) for v in lv.tolist()], dtype=float)
                tf[name] = (same, share, averages[name])
            weight = model.score(trained, levels, model.tf_adjustment(trained, comps, levels,
                                                                        tf))
            yield pd.DataFrame({"a": pdf["a"].to_numpy(), "b": pdf["b"].to_numpy(),
                                "weight": weight,
                                "probability": model.probability(weight)})

    return run


def _passing(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The pairs of a filtered blocking rule that pass blocking.passes_filter."""
    for pdf in batches:
        keep = passes_filter(pdf[["lv0", "lv1"]].to_numpy(dtype=np.int8))
        yield pdf.loc[keep, ["a", "b"]]


def _slipped(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The pairs whose names' keys are blocking.slip_apart (INITIALS_RULE's first test)."""
    for pdf in batches:
        keep = [slip_apart(a, b) for a, b in zip(pdf["l_name_keys"].tolist(),
                                                 pdf["r_name_keys"].tolist(), strict=True)]
        yield pdf.loc[np.asarray(keep, dtype=bool)]


def _passing_initials(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """The pairs of blocking.INITIALS_RULE that pass blocking.passes_initials_filter."""
    for pdf in batches:
        keep = passes_initials_filter(pdf[["lv0", "lv1"]].to_numpy(dtype=np.int8))
        yield pdf.loc[keep, ["a", "b"]]


def _rule_key(rule: tuple[str, ...], present: set[str], has_schema: bool) -> Any | None:
    from pyspark.sql import functions as F

    if rule == ("names",):
        if not {"first_coarse", "last_coarse"} <= present:
            return None
        f, last = F.col("first_coarse"), F.col("last_coarse")
        ok = (f != "") & (last != "")
        key = F.concat_ws("|", F.least(f, last), F.greatest(f, last))
    else:
        if not set(rule) <= present:
            return None
        ok = F.lit(True)
        for name in rule:
            ok = ok & (F.col(name) != "")
        key = F.concat_ws("\u001f", *[F.col(n) for n in rule])
    if has_schema:
        ok = ok & (F.col("schema") != "")
        key = F.concat_ws("\u001e", key, F.col("schema"))
    return F.when(ok, key)


def _components(spark: Any, n_rows: Any, edges: Any) -> Any:
    """Connected components of rows 0..n-1 over edges (a, b): each row's smallest row."""
    from pyspark.sql import functions as F

    labels = n_rows.select(F.col("row"), F.col("row").alias("label"))
    both = edges.select("a", "b").union(edges.select(F.col("b").alias("a"),
                                                     F.col("a").alias("b"))).cache()
    for _ in range(_MAX_ITER):
        proposals = both.join(labels, both.a == labels.row).select(
            F.col("b").alias("row"), F.col("label"))
        updated = labels.union(proposals).groupBy("row").agg(F.min("label").alias("label"))
        changed = updated.join(labels.withColumnRenamed("label", "old"), "row").where(
            F.col("label") != F.col("old")).limit(1).count()
        labels = updated.localCheckpoint()
        if not changed:
            break
    both.unpersist()
    return labels


def resolve_spark(
    spark: Any, df: Any, threshold: float = DEFAULT_THRESHOLD, link_only: bool = False,
    seed: int = 0, kind: str = "person", max_block: int = DEFAULT_MAX_BLOCK,
) -> tuple[Any, Any, model.Model]:
    """Resolve a Spark DataFrame of records (`id`, the resolver's columns, optional `source`).

    Returns (pairs at or above the threshold: left_id, right_id, probability; every record's
    cluster: id, cluster_id; the model). Records are numbered in the DataFrame's order, as a
    local run numbers the rows of its table."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField, StructType

    if "source" not in df.columns:
        df = df.withColumn("source", F.lit(""))
    columns = [c for c in df.columns if c not in ("id", "source")]
    for c in columns + ["id", "source"]:
        df = df.withColumn(c, F.coalesce(F.col(c).cast("string"), F.lit("")))
    numbered = df.rdd.zipWithIndex().map(lambda t: (*t[0], t[1])).toDF([*df.columns, "row"])
    schema = StructType([StructField("row", LongType()), StructField("id", StringType()),
                         StructField("source", StringType())]
                        + [StructField(f, StringType()) for f in FEATURES])
    feats = numbered.mapInPandas(_features_of(kind, columns), schema).cache()
    n = feats.count()
    counts = feats.select([F.sum((F.col(f) != "").cast("int")).alias(f) for f in FEATURES]
                          ).first().asDict()
    present = {f for f, c in counts.items() if c}
    comps = comparisons_for(present)
    has_schema = "schema" in present
    slips = _slip_dictionary(feats, kind) if "name" in present else {}

    def with_features(p: Any) -> Any:
        lf = feats.select([F.col(c).alias(f"l_{c}") for c in ["row", "source", *FEATURES]])
        rf = feats.select([F.col(c).alias(f"r_{c}") for c in ["row", "source", *FEATURES]])
        return p.join(lf, p.a == lf.l_row).join(rf, p.b == rf.r_row)

    filter_schema = StructType([StructField("a", LongType()), StructField("b", LongType()),
                                StructField("lv0", LongType()), StructField("lv1", LongType())])

    # blocking: a self-join per rule on its key, keys held by more than max_block skipped
    pair_frames = []
    for rule in RULES:
        if rule == SLIPS_RULE:  # its keys of corrected names: the local engine's only
            continue
        if rule == ("name_keys",):
            if "name_keys" not in present:
                continue
            exploded = feats.where(F.col("name_keys") != "").select(
                "row", "source", "schema", "birth_year",
                F.explode(F.split("name_keys", " ")).alias("k0"))
            key = (F.concat_ws("\u001e", F.col("k0"), F.col("schema")) if has_schema
                   else F.col("k0"))
            keyed = exploded.select("row", "source", "birth_year", key.alias("k"))
        elif rule == ("name_parts", "birth_date"):
            if not {"name_keys", "birth_date"} <= present:
                continue
            # blocking._key_codes("parts"): each part of the name once, joined with the date
            exploded = feats.where((F.col("name_keys") != "") & (F.col("birth_date") != "")
                                   ).select("row", "source", "schema", "birth_year",
                                            "birth_date", F.explode(F.split(
                                                "name_keys", "[ |]")).alias("k0"))
            parts = [F.col("k0"), F.col("birth_date")] + ([F.col("schema")] if has_schema
                                                          else [])
            keyed = exploded.where(F.col("k0") != "").select(
                "row", "source", "birth_year", F.concat_ws("\u001e", *parts).alias("k")
            ).distinct()
        elif rule == INITIALS_RULE:
            if not {"name_keys", "name"} <= present:
                continue
            # blocking._initials_codes: each part key with another part key's first sound
            parts_ = feats.where(F.col("name_keys") != "").select(
                "row", "source", "schema", "birth_year",
                F.explode(F.split("name_keys", "[ |]")).alias("k0")).where(
                F.col("k0") != "").distinct()
            other = parts_.select(F.col("row").alias("row2"), F.col("k0").alias("k1"))
            halves = parts_.join(other, (F.col("row") == F.col("row2"))
                                 & (F.col("k0") != F.col("k1"))).select(
                "row", "source", "schema", "birth_year",
                F.concat(F.col("k0"), F.lit(">"), F.substring("k1", 1, 1)).alias("k0"))
            parts = [F.col("k0")] + ([F.col("schema")] if has_schema else [])
            keyed = halves.select("row", "source", "birth_year",
                                  F.concat_ws("\u001e", *parts).alias("k")).distinct()
        elif rule in FILTERED_RULES:
            if not {"name_keys", "birth_date", "name"} <= present:
                continue
            # blocking.monthday: MMDD of a full date; the year as birth_year
            other = (F.col("birth_year") if rule[1] == "birth_year" else F.when(
                F.length("birth_date") == 8, F.substring("birth_date", 5, 4)).otherwise(""))
            exploded = feats.where((F.col("name_keys") != "") & (other != "")).select(
                "row", "source", "schema", "birth_year", other.alias("with_"),
                F.explode(F.split("name_keys", "[ |]")).alias("k0"))
            parts = [F.col("k0"), F.col("with_")] + ([F.col("schema")] if has_schema else [])
            keyed = exploded.where(F.col("k0") != "").select(
                "row", "source", "birth_year", F.concat_ws("\u001e", *parts).alias("k")
            ).distinct()
        else:
            key = _rule_key(rule, present, has_schema)
            if key is None:
                continue
            keyed = feats.select("row", "source", "birth_year", key.alias("k")).where(
                F.col("k").isNotNull())
        limit = min(max_block, NAME_MAX_BLOCK) if rule == INITIALS_RULE else max_block
        by_group = Window.partitionBy("k")
        if rule in NAME_RULES:
            # blocking.refine: a name held by more than NAME_MAX_BLOCK splits by birth year
            limit = min(max_block, NAME_MAX_BLOCK)
            if "birth_year" in present:
                big = F.count("*").over(by_group) > limit
                keyed = keyed.withColumn("k", F.when(
                    big, F.when(F.col("birth_year") != "",
                                F.concat_ws("\u001d", F.col("k"), F.col("birth_year")))
                ).otherwise(F.col("k"))).where(F.col("k").isNotNull())
        keyed = keyed.withColumn("size", F.count("*").over(by_group)).where(
            (F.col("size") >= 2) & (F.col("size") <= limit))
        left, right = keyed.alias("l"), keyed.alias("r")
        cond = (F.col("l.k") == F.col("r.k")) & (F.col("l.row") < F.col("r.row"))
        if link_only:
            cond = cond & (F.col("l.source") != F.col("r.source"))
        found = left.join(right, cond).select(F.col("l.row").alias("a"),
                                              F.col("r.row").alias("b"))
        if rule in FILTERED_RULES:  # blocking.filtered: a typing error apart, names >= 0.75
            found = with_features(found.distinct()).mapInPandas(
                _levels_of(filter_comparisons(), kind, slips), filter_schema)
            found = found.mapInPandas(_passing, "a long, b long")
        elif rule == INITIALS_RULE:  # blocking: one side undated, a slip, names >= 0.75
            featured = with_features(found.distinct())
            featured = featured.mapInPandas(_slipped, featured.schema)
            found = featured.mapInPandas(_levels_of(filter_comparisons(), kind, slips),
                                         filter_schema)
            found = found.mapInPandas(_passing_initials, "a long, b long")
        pair_frames.append(found)
    pairs = pair_frames[0]
    for extra in pair_frames[1:]:
        pairs = pairs.union(extra)
    pairs = pairs.distinct()

    level_schema = StructType([StructField("a", LongType()), StructField("b", LongType())]
                              + [StructField(f"lv{j}", LongType()) for j in range(len(comps))])
    levels = with_features(pairs).mapInPandas(_levels_of(comps, kind, slips), level_schema).cache()

    # u from the random pairs a local run draws (same n, same sources, same seed)
    sources = feats.select("row", "source").toPandas().sort_values("row")
    stub = Frame(np.zeros(n, dtype=object),
                 Column(pd.factorize(sources["source"])[0].astype(np.int32),
                        np.zeros(0, dtype=object)))
    ra, rb = random_pairs(stub, U_SAMPLE, seed, link_only)
    randoms = spark.createDataFrame(pd.DataFrame({"a": ra.astype(np.int64),
                                                  "b": rb.astype(np.int64)}))
    u_levels = with_features(randoms).mapInPandas(_levels_of(comps, kind, slips), level_schema)
    u_table = u_levels.toPandas()
    u_rows = u_table[[f"lv{j}" for j in range(len(comps))]].to_numpy(dtype=np.int8)
    ua, ub = u_table["a"].to_numpy(dtype=np.int64), u_table["b"].to_numpy(dtype=np.int64)
    for j, comp in enumerate(comps):  # the random pairs a local run compares (engine.random_u)
        u_rows[~u_mask(ua, ub, comp.u_pairs, len(ra)), j] = NULL
    u = model.estimate_u(u_rows, comps)
    lv_cols = [f"lv{j}" for j in range(len(comps))]
    patterns = levels.groupBy(*lv_cols).count().toPandas()
    trained = model.em(patterns[lv_cols].to_numpy(dtype=np.int8),
                       patterns["count"].to_numpy(dtype=np.int64), comps, u)

    # term frequencies of the adjusted features, for scoring
    shares: dict[str, dict] = {}
    averages: dict[str, float] = {}
    for comp in comps:
        if comp.tf and comp.tf in present:
            vc = feats.where(F.col(comp.tf) != "").groupBy(comp.tf).count().toPandas()
            share = vc["count"] / vc["count"].sum()
            shares[comp.tf] = dict(zip(vc[comp.tf].tolist(), share.tolist(), strict=True))
            averages[comp.tf] = float((share ** 2).sum())
    tf_names = list(shares)
    scored_in = levels.join(feats.select(F.col("row").alias("a"),
                                         *[F.col(t).alias(f"l_{t}") for t in tf_names]), "a")
    scored_in = scored_in.join(feats.select(F.col("row").alias("b"),
                                            *[F.col(t).alias(f"r_{t}") for t in tf_names]),
                               "b")
    score_schema = StructType([StructField("a", LongType()), StructField("b", LongType()),
                               StructField("weight", DoubleType()),
                               StructField("probability", DoubleType())])
    scored = scored_in.mapInPandas(_scores_of(comps, trained, shares, averages), score_schema)
    matched = scored.where(F.col("probability") >= threshold).cache()

    labels = _components(spark, feats.select("row"), matched)
    ids = feats.select("row", "id")
    clusters = labels.join(ids, "row").join(
        ids.select(F.col("row").alias("label"), F.col("id").alias("cluster_id")), "label"
    ).select("id", "cluster_id")
    out_pairs = matched.join(ids.select(F.col("row").alias("a"), F.col("id").alias("left_id")),
                             "a").join(ids.select(F.col("row").alias("b"),
                                                  F.col("id").alias("right_id")), "b").select(
        "left_id", "right_id", "probability")
    return out_pairs, clusters, trained
