"""Great-expectations suites over the marts, derived from the project's single sources of truth.

- `sources`    the metric catalog seed, the documented mart columns, grains and unit tests (from
               the dbt manifest, or from the YAML when there is no manifest).
- `spec`       GX-free descriptions of an expectation (`Spec`) and a suite (`SuiteSpec`), so the
               coverage check reads the suites without importing great-expectations.
- `derive`     what follows from the sources for every mart: column set, grain, one value range
               per catalog placement, date coverage, and one schema suite per family (warehouse
               type against catalog unit).
- `rules`      the vocabulary of the hand-written rules (AtMost, Identity, Monotone, InputBound,
               Values); `traffic`, `conversion`, `operations`, `membership`, `finance`, `core`,
               `reporting` hold each family's rules.
- `build`      every mart's suites, given a warehouse connection.
- `checkpoint` the GX side: offline ephemeral context, checkpoints over pandas frames, Data Docs.
- `inputs`     the command-line options shared by check_expectations.py and metric_coverage.py.
"""

from __future__ import annotations
