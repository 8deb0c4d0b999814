# ecom_indicators — two commands on a fresh machine:
#   make run     install, generate the demo data if missing, build, print the summary
#   make test    lint, build and test everything (what .ci/run calls)
# DATA=demo (generated) or DATA=online_retail (the real UCI export in data/reference).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DBT := $(VENV)/bin/dbt
DATA ?= demo

export DBT_PROFILES_DIR := $(CURDIR)/profiles
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help venv run test lint bench spark-check report docs clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(VENV)/.installed: requirements.txt
	@$(PYTHON_BOOT) -c 'import sys; assert sys.version_info[:2] == (3, 11), "Python 3.11 is required, found " + sys.version'
	$(PYTHON_BOOT) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.txt
	touch $@

venv: $(VENV)/.installed  ## create the project virtualenv from the pinned requirements

run: venv  ## build DATA (demo | online_retail) into data/warehouse/$(DATA).duckdb and print its summary
	$(PY) scripts/run.py --data $(DATA)

test: venv  ## lint, build on small generated data, run every test (what CI runs)
	$(PY) scripts/test.py

lint: venv  ## sqlfluff over models, singular tests and analyses (the test command's first step)
	$(PY) scripts/test.py --only lint

BENCH_ARGS ?= --members 20000 --days 120
bench: venv  ## benchmark scripts/benchmark.py $(BENCH_ARGS): full build vs bare SQL, increment, parse (docs/benchmark.md)
	$(PY) scripts/benchmark.py $(BENCH_ARGS)

SPARK_VENV := .venv-spark
$(SPARK_VENV)/.installed: requirements.txt requirements-spark.txt
	$(PYTHON_BOOT) -m venv $(SPARK_VENV)
	$(SPARK_VENV)/bin/pip install --quiet --disable-pip-version-check "uv==0.13.9"
	$(SPARK_VENV)/bin/uv pip install --quiet --python $(SPARK_VENV)/bin/python -r requirements-spark.txt
	touch $@

spark-check: venv $(SPARK_VENV)/.installed  ## build the ci data on Spark too and compare every relation with DuckDB (~12 min)
	$(SPARK_VENV)/bin/python scripts/spark_check.py

report: venv  ## the one-page HTML report of DATA's published warehouse (target/report/DATA.html)
	$(PY) scripts/report.py --data $(DATA)

docs: venv  ## dbt docs for DATA into target/ (static index.html)
	$(PY) scripts/run.py --data $(DATA) --docs-only

clean:  ## remove build output (keeps the virtualenv and the raw data)
	rm -rf target logs data/warehouse
