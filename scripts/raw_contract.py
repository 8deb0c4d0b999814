"""The raw data contract, read from its one source of truth: the dbt source YAML.

Writers of raw data (the generator, the Online Retail loader) use this module so that
the tables and columns they write are exactly the ones staging reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import pyarrow as pa
import pyarrow.parquet as pq
import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
SOURCES_YAML = PROJECT_DIR / "models" / "staging" / "shop" / "_shop__sources.yml"


def _load_contract() -> dict[str, list[str]]:
    with SOURCES_YAML.open(encoding="utf-8") as handle:
        document = yaml.safe_load(handle)
    (source,) = [s for s in document["sources"] if s["name"] == "shop"]
    return {table["name"]: [column["name"] for column in table["columns"]] for table in source["tables"]}


TABLE_COLUMNS: dict[str, list[str]] = _load_contract()
TABLES: list[str] = list(TABLE_COLUMNS)


def table_schema(table: str) -> pa.Schema:
    """Every raw column is text, as a platform export delivers it."""
    return pa.schema([pa.field(name, pa.string()) for name in TABLE_COLUMNS[table]])


def to_table(table: str, columns: Mapping[str, Sequence[str | None] | pa.Array]) -> pa.Table:
    """Build an Arrow table of the contract's columns (all strings) in contract order.

    Columns missing from `columns` are written as all-null; extra keys are an error, so a
    writer cannot silently drift from the contract.
    """
    expected = TABLE_COLUMNS[table]
    unknown = set(columns) - set(expected)
    if unknown:
        raise ValueError(f"{table}: columns not in the raw contract: {sorted(unknown)}")
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"{table}: columns have different lengths {sorted(lengths)}")
    n_rows = lengths.pop() if lengths else 0
    arrays = []
    for name in expected:
        values = columns.get(name)
        if values is None:
            arrays.append(pa.nulls(n_rows, pa.string()))
        elif isinstance(values, (pa.Array, pa.ChunkedArray)):
            arrays.append(values.cast(pa.string()))
        else:
            arrays.append(pa.array(values, type=pa.string()))
    return pa.Table.from_arrays(arrays, schema=table_schema(table))


def write_table(
    out_dir: Path, table: str, data: pa.Table, part: int = 0, fmt: str = "parquet"
) -> Path:
    """Write one part file of a raw table: <out_dir>/<table>/part-<part>.<fmt>."""
    if data.schema != table_schema(table):
        data = data.select(TABLE_COLUMNS[table]).cast(table_schema(table))
    folder = out_dir / table
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{part:05d}.{fmt}"
    if fmt == "parquet":
        pq.write_table(data, path, compression="zstd")
    elif fmt == "csv":
        import pyarrow.csv as pacsv

        pacsv.write_csv(data, path)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return path
