"""Generate the synthetic raw data of ecom_indicators (see docs/generator.md).

    python scripts/generate_raw.py --out data/raw/demo --seed 42 --start-date 2025-06-01 \
        --days 200 --members 4000 [--dirty 0.05] [--skus 400] [--pages-per-session 4.5] \
        [--conversion-scale 1.0] [--bot-share 0.01] [--format parquet|csv] [--quiet]

The behavioural model (visitors, retention, sessions, funnel, registration, orders,
shipments, returns, inventory, marketing, bots) is described in the `generator` package
docstring and in docs/generator.md; the implementation lives in scripts/generator/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generator.cli import main  # noqa: E402 (needs the path above)

if __name__ == "__main__":
    sys.exit(main())
