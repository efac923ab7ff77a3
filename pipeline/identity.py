"""Batch stage: indicator identity across documents (normalizers/identity.py), over Parquet by DuckDB.

Gives every indicator row its `indicator_key` and `identity_score`, builds the `indicator_clusters`
table and lists near misses for review. Python sees only the distinct (indikator, formula, measure)
forms and, for near misses, a few rows per core text (normalizers/frontier.py); the rows themselves
stay in DuckDB and stream from Parquet to Parquet.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from normalizers.frontier import Candidate, Frontier, best_candidate
from normalizers.identity import FormCount, close_cores, identify_forms
from pipeline.assemble import BATCH_ROWS, columns, query_reader, schema_of, write_stream
from pipeline.review import review_row
from pipeline.validate import check_tables
from pipeline.writer import table_from_rows
from problems import problem

_JOIN = (
    "FROM read_parquet({ind}, file_row_number = true) i JOIN identity m ON i.indikator = m.indikator "
    "AND i.formula IS NOT DISTINCT FROM m.formula AND i.measure IS NOT DISTINCT FROM m.measure "
    "LEFT JOIN places d ON i.doc_id = d.doc_id"
)
# A document's kecamatan: identity is the kode when linked, else the name; display is the name.
_PLACES = (
    "SELECT doc_id, CASE WHEN coalesce(kecamatan, '') = '' AND coalesce(kode_kecamatan, '') = '' THEN NULL "
    "ELSE coalesce(nullif(kode_kecamatan, ''), lower(kecamatan)) END AS kid, "
    "coalesce(nullif(kecamatan, ''), kecamatan_gazetteer, 'None') AS kname FROM read_parquet({docs})"
)


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _forms(con: duckdb.DuckDBPyConnection, ind: Path) -> list[FormCount]:
    rows = con.execute(
        f"SELECT indikator, formula, measure, count(*), min(indicator_id) FROM read_parquet({_q(ind)}) "
        "GROUP BY ALL ORDER BY 5"
    ).fetchall()
    return [FormCount(a, b, c, int(n), i) for a, b, c, n, i in rows]


def _register_identity(con: duckdb.DuckDBPyConnection, ind: Path, docs: Path) -> list[str]:
    """Tables `identity` (form -> key, score, core), `reps` (key -> representative), `places`."""
    forms = _forms(con, ind)
    found, reps = identify_forms(forms)
    identity = pa.table(
        {
            "indikator": [f.indikator for f in forms],
            "formula": pa.array([f.formula for f in forms], pa.string()),
            "measure": pa.array([f.measure for f in forms], pa.string()),
            "key": [x.key for x in found],
            "score": pa.array([x.score for x in found], pa.float64()),
            "core": [x.core for x in found],
        }
    )
    rep_table = pa.table(
        {
            "key": list(reps),
            "representative": [r.indikator for r in reps.values()],
            "representative_normalized": [r.normalized for r in reps.values()],
        }
    )
    for name, table in (("identity", identity), ("reps", rep_table)):
        con.register(f"{name}_arrow", table)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
        con.unregister(f"{name}_arrow")
    con.execute(f"CREATE OR REPLACE TEMP TABLE places AS {_PLACES.format(docs=_q(docs))}")
    return sorted({x.core for x in found})


def _indicators_sql(ind: Path) -> str:
    cols = columns("indicators", "i.").replace('i."indicator_key"', 'm.key AS "indicator_key"')
    cols = cols.replace('i."identity_score"', 'm.score AS "identity_score"')
    return f"SELECT {cols} {_JOIN.format(ind=_q(ind))} ORDER BY i.file_row_number"


def _clusters_sql(ind: Path) -> str:
    return f"""
    WITH rows AS (SELECT i.indicator_id, i.doc_id, i.measure, m.key, m.score, d.kid, d.kname
                  {_JOIN.format(ind=_q(ind))}),
    measures AS (SELECT key, measure,
                        row_number() OVER (PARTITION BY key ORDER BY count(*) DESC, measure) AS rn
                 FROM rows WHERE coalesce(measure, '') <> '' GROUP BY key, measure)
    SELECT r.key AS indicator_key, any_value(p.representative) AS representative,
           any_value(p.representative_normalized) AS representative_normalized,
           any_value(ms.measure) AS measure, count(*)::INTEGER AS n_members,
           count(DISTINCT r.doc_id)::INTEGER AS n_documents, count(DISTINCT r.kid)::INTEGER AS n_kecamatan,
           coalesce(list_sort(list_distinct(list(r.kname) FILTER (WHERE r.kid IS NOT NULL))), [])
             AS kecamatan,
           list(r.indicator_id ORDER BY r.indicator_id) AS member_ids, min(r.score) AS min_identity_score
    FROM rows r JOIN reps p ON r.key = p.key LEFT JOIN measures ms ON ms.key = r.key AND ms.rn = 1
    GROUP BY r.key ORDER BY r.key"""


def _frontiers(con: duckdb.DuckDBPyConnection, ind: Path) -> dict[str, Frontier]:
    """Per core text, the rows that can be some row's near miss (rows offered in id order)."""
    sql = (
        f"SELECT m.core, i.indicator_id, i.doc_id, m.key, i.indikator, d.kid, d.kname "
        f"{_JOIN.format(ind=_q(ind))} ORDER BY i.indicator_id"
    )
    frontiers: dict[str, Frontier] = {}
    for batch in query_reader(con, sql):
        for core, iid, doc, key, text, kid, kname in zip(*batch.to_pydict().values(), strict=True):
            place = kname if kid is not None else "?"
            frontiers.setdefault(core, Frontier()).add(Candidate(iid, doc, key, (text, place)))
    return frontiers


def _near_miss_rows(con: duckdb.DuckDBPyConnection, ind: Path, cores: list[str], path: Path) -> int:
    """Near-miss review rows, streamed into `path` (rows by core text, then indicator id)."""
    ranked = close_cores(cores)
    frontiers = _frontiers(con, ind)
    sql = (
        f"SELECT m.core, i.indicator_id, i.doc_id, m.key, i.indikator "
        f"{_JOIN.format(ind=_q(ind))} ORDER BY m.core, i.indicator_id"
    )
    n = 0
    with pq.ParquetWriter(path, schema_of("review"), compression="zstd") as writer:
        for batch in query_reader(con, sql):
            out: list[dict[str, Any]] = []
            for core, iid, doc, key, text in zip(*batch.to_pydict().values(), strict=True):
                hit = best_candidate(ranked[core], frontiers, doc, key)
                if hit is None:
                    continue
                score, b = round(hit[0], 1), hit[1]
                candidate = (f"{b.payload[0]} [{b.payload[1]}; {b.key}]", score)
                subject = ("indicators", iid, "indikator")
                near = problem("indicator-near-miss", field="indikator", indikator=text[:60])
                out.append(review_row(doc, near, subject, text, None, [candidate]))
            check_tables({"review": out}, ["review"])
            writer.write_table(table_from_rows("review", out).cast(schema_of("review")))
            n += len(out)
    return n


def assign_identity(con: duckdb.DuckDBPyConnection, ind: Path, docs: Path, out: dict[str, Path]) -> None:
    """Write the keyed `indicators`, `indicator_clusters` and near-miss review rows to `out`'s paths
    (keys "indicators", "indicator_clusters", "near_misses") from the unkeyed indicators at `ind`."""
    cores = _register_identity(con, ind, docs)
    write_stream("indicators", [query_reader(con, _indicators_sql(ind))], out["indicators"])
    write_stream("indicator_clusters", [query_reader(con, _clusters_sql(ind))], out["indicator_clusters"])
    for batch in pq.ParquetFile(out["indicator_clusters"]).iter_batches(BATCH_ROWS):
        check_tables({"indicator_clusters": batch.to_pylist()}, ["indicator_clusters"])
    _near_miss_rows(con, ind, cores, out["near_misses"])
