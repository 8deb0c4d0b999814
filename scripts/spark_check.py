"""The Spark check: build a dataset on Spark and compare every relation with DuckDB's build.

    make spark-check                                    # creates .venv-spark once, then runs this
    .venv-spark/bin/python scripts/spark_check.py [--data ci] [--unit-tests]

DuckDB is the default engine and the one the test command builds on; Spark is the scale-out
engine, and every engine-specific macro has a Spark half that only Spark runs. In
target/spark_check/ this

  1. builds the dataset on DuckDB (dbt seed + run): the reference;
  2. on Spark (dbt-spark, `session` method, a local JVM): dbt seed, dbt run (a full build), dbt
     run again over the same data (every incremental model takes its is_incremental() branch),
     dbt test (the data tests; with --unit-tests the unit tests too, ~20 s each on Spark);
  3. reads every staging, intermediate and mart relation back from Spark into a DuckDB file,
     with the DuckDB build's column types, and compares the two with EXCEPT ALL both ways
     (project.differing_rows: bookkeeping columns aside, doubles to 10 significant digits).

It prints what it did and every relation that differs; the exit status is 1 if a step failed
or a relation differs. It runs in .venv-spark (dbt-spark and pyspark beside the project's own
pins, requirements-spark.txt); the DuckDB build uses the project's .venv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

import duckdb
import pyarrow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import DATASETS, PROJECT_DIR, dbt, dbt_env, differing_rows, ensure_raw  # noqa: E402

WORKDIR = PROJECT_DIR / "target" / "spark_check"
SPARK_VENV_BIN = PROJECT_DIR / ".venv-spark" / "bin"
SCHEMAS = ("staging", "intermediate", "marts")


def step(label: str, action) -> None:
    started = time.perf_counter()
    print(f"{label} ...", flush=True)
    action()
    print(f"{label}: ok ({time.perf_counter() - started:.0f} s)", flush=True)


def spark_session(warehouse: Path):
    """A local session on the metastore and warehouse the dbt runs wrote (the profile's settings)."""
    from pyspark.sql import SparkSession  # only .venv-spark has it

    return (
        SparkSession.builder.enableHiveSupport()
        .config("spark.sql.warehouse.dir", str(warehouse))
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )


def copy_spark_relations(reference: duckdb.DuckDBPyConnection, warehouse: Path, target: Path) -> list[str]:
    """Write every relation of the reference's SCHEMAS that Spark holds into the DuckDB file
    `target`, cast to the reference's column types; returns the relations Spark lacks."""
    spark = spark_session(warehouse)
    reference.execute(f"attach '{target}' as spark_build")
    missing = []
    for schema in SCHEMAS:
        reference.execute(f"create schema if not exists spark_build.{schema}")
        spark_tables = {row.tableName for row in spark.sql(f"show tables in {schema}").collect()}
        for (name,) in reference.execute(
            "select table_name from information_schema.tables where table_catalog = 'duckdb_build' and table_schema = ?",
            [schema],
        ).fetchall():
            if name not in spark_tables:
                missing.append(f"{schema}.{name}")
                continue
            # through Arrow, so that a null the pandas frame holds as NaN stays a null
            rows = pyarrow.Table.from_pandas(spark.table(f"{schema}.{name}").toPandas(), preserve_index=False)  # noqa: F841
            columns = reference.execute(
                "select column_name, data_type from information_schema.columns "
                "where table_catalog = 'duckdb_build' and table_schema = ? and table_name = ? order by ordinal_position",
                [schema, name],
            ).fetchall()
            casts = ", ".join(f'cast(rows."{column}" as {data_type}) as "{column}"' for column, data_type in columns)
            reference.execute(f"create table spark_build.{schema}.{name} as select {casts} from rows")
    spark.stop()
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="ci", choices=sorted(DATASETS), help="dataset to build (default: ci)")
    parser.add_argument("--unit-tests", action="store_true", help="run the unit tests on Spark too (slow)")
    options = parser.parse_args()

    dataset = DATASETS[options.data]
    ensure_raw(dataset)
    if WORKDIR.exists():
        shutil.rmtree(WORKDIR)
    WORKDIR.mkdir(parents=True)
    duckdb_path = WORKDIR / "duckdb.duckdb"
    spark_warehouse = WORKDIR / "spark_warehouse"

    duckdb_env = dbt_env(dataset, duckdb_path, WORKDIR / "duckdb_target")
    step("DuckDB: dbt seed + run", lambda: (dbt(["seed"], duckdb_env, quiet=True), dbt(["run"], duckdb_env, quiet=True)))

    spark_env = dbt_env(dataset, duckdb_path, WORKDIR / "spark_target", {
        "DBT_TARGET": "spark",
        "ECOM_SPARK_WAREHOUSE": str(spark_warehouse),
        "SPARK_LOCAL_IP": "127.0.0.1",
    })

    def spark_dbt(*args: str) -> None:
        # from WORKDIR: the local metastore (Derby) is made in the working directory; the JVM's
        # log lines are captured (shown with dbt's output if the command fails)
        dbt(list(args), spark_env, quiet=True, venv_bin=SPARK_VENV_BIN, cwd=WORKDIR)

    step("Spark: dbt seed", lambda: spark_dbt("seed"))
    step("Spark: dbt run (full build)", lambda: spark_dbt("run"))
    step("Spark: dbt run (incremental, same data)", lambda: spark_dbt("run"))
    step("Spark: dbt test" + (" (with unit tests)" if options.unit_tests else " (data tests)"),
         lambda: spark_dbt("test", *([] if options.unit_tests else ["--exclude", "test_type:unit"])))

    os.chdir(WORKDIR)  # where the dbt runs made the metastore (and where Spark logs)
    connection = duckdb.connect()
    connection.execute("set TimeZone = 'UTC'")
    connection.execute(f"attach '{duckdb_path}' as duckdb_build (read_only)")
    missing = copy_spark_relations(connection, spark_warehouse, WORKDIR / "spark.duckdb")

    relations = [
        f"{schema}.{name}" for schema, name in connection.execute(
            "select table_schema, table_name from information_schema.tables where table_catalog = 'spark_build' order by 1, 2"
        ).fetchall()
    ]
    differing = {relation: counts for relation in relations
                 if (counts := differing_rows(connection, "duckdb_build", "spark_build", relation)) != (0, 0)}
    print(f"compared {len(relations)} relations (Spark against DuckDB, same raw data '{options.data}')")
    for relation in missing:
        print(f"  {relation}: not built on Spark")
    for relation, (only_duckdb, only_spark) in differing.items():
        print(f"  {relation}: {only_duckdb} rows only on DuckDB, {only_spark} only on Spark")
    if missing or differing:
        return 1
    print("identical rows in every relation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
