"""Writing raw tables (through scripts/raw_contract.py) and reporting progress."""

from __future__ import annotations

import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from raw_contract import TABLE_COLUMNS, TABLES, table_schema, to_table, write_table


def clear_parts(out: Path) -> None:
    """Delete the old part files of every table folder; nothing else is touched."""
    for table in TABLES:
        folder = out / table
        if folder.is_dir():
            for path in sorted(folder.glob("part-*")):
                if path.suffix in (".parquet", ".csv") and path.is_file():
                    path.unlink()


def read_part(path: Path) -> pa.Table:
    """Read a part file back with every column as text (nulls stay nulls)."""
    table = path.parent.name
    if path.suffix == ".parquet":
        return pq.read_table(path)
    options = pacsv.ConvertOptions(
        column_types=table_schema(table), strings_can_be_null=True, quoted_strings_can_be_null=False
    )
    return pacsv.read_csv(path, convert_options=options).select(TABLE_COLUMNS[table])


class Progress:
    """Progress lines on stderr (at most one every `every` seconds) unless quiet."""

    def __init__(self, quiet: bool, every: float = 2.0) -> None:
        self.quiet, self.every = quiet, every
        self.started = time.monotonic()
        self._last = 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @staticmethod
    def clock() -> float:
        return time.monotonic()

    def say(self, message: str) -> None:
        if not self.quiet:
            print(f"[{self.elapsed():7.1f}s] {message}", file=sys.stderr, flush=True)

    def rows(self, phase: str, rows: int, fraction: float, since: float, force: bool = False) -> None:
        """`since`: Progress.clock() when the phase started."""
        now = time.monotonic()
        if self.quiet or (not force and now - self._last < self.every):
            return
        self._last = now
        rate = rows / max(now - since, 1e-9)
        self.say(f"{phase}: {rows:,} rows written ({fraction:.0%}), {rate:,.0f} rows/s")


class Writer:
    """Writes part files and counts rows per table."""

    def __init__(self, out: Path, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.rows: dict[str, int] = {t: 0 for t in TABLES}
        self.parts: dict[str, list[Path]] = {t: [] for t in TABLES}

    def write(self, table: str, columns: Mapping[str, Sequence[str | None] | pa.Array] | pa.Table) -> Path:
        data = columns if isinstance(columns, pa.Table) else to_table(table, columns)
        path = write_table(self.out, table, data, part=len(self.parts[table]), fmt=self.fmt)
        self.parts[table].append(path)
        self.rows[table] += data.num_rows
        return path

    def ensure_all(self) -> None:
        """Every table gets at least one (possibly empty) file."""
        for table in TABLES:
            if not self.parts[table]:
                self.write(table, {})
