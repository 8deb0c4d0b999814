"""Synthetic raw-data generator of ecom_indicators.

New visitors arrive by day (weekday seasonality x promotions x growth) through acquisition
channels; each is active on its first day and on each later day N independently with
probability min(1, lambda x retention_mult x p(N)), p(N) = 0.22 N^-0.6 + 0.01. Active days hold
1-3 sessions; a session is a bounce or an engaged visit with a nested funnel (product view,
cart, checkout, order, payment). Visitors register on a converting session or by intent;
members receive CRM touches and return through CRM. Orders ship from three warehouses, some
in two packages, and some are returned. Inventory follows a reorder-point policy; paid
channels and CRM produce spend. Bots crawl or scrape. Planted truths go to manifest.json.
"""

import sys
from pathlib import Path

# The package lives in scripts/ next to raw_contract.py, which it imports as a top-level module.
_SCRIPTS = str(Path(__file__).resolve().parent.parent)
if _SCRIPTS not in sys.path:
    sys.path.insert(0, _SCRIPTS)
