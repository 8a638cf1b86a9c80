#!/usr/bin/env python3
"""Convert selected prices from pydantic's `genai-prices` dataset into rows of seeds/data/prices.csv.

Source: the PyPI package `genai-prices` 0.2.3 (MIT, Pydantic Services Inc.; licence copied to
seeds/licenses/genai-prices-LICENSE). Install it without its HTTP dependencies and run:

    pip install genai-prices==0.2.3 --no-deps pydantic
    python seeds/tools/genai_prices_to_csv.py --out /tmp/prices-genai.csv \
        [--existing seeds/data/prices.csv]

Only the (provider, model) pairs named in MAPPING below are converted: each maps a genai-prices
provider id + model id to our offering (provider slug, region, api_model_id, model slug) and says
from which date the dataset's first (undated) price is known to hold (`since`: the day the API
id went on sale at that price, or the day of a known price change). The dataset gives no start
date for its first price, so `since` comes from the vendor's own launch post and is the only
figure here that is not read from the dataset. Dated price changes in the dataset
(StartDateConstraint) become a closed row and an open row.

Conversions (all USD, per 1,000,000 units unless noted):
    input_mtok -> INPUT_TOKENS            output_mtok -> OUTPUT_TOKENS
    cache_read_mtok -> CACHED_INPUT_TOKENS
    cache_write_mtok -> CACHE_WRITE_TOKENS (cache_ttl_seconds 300 for Anthropic: its 5-minute cache)
    input_audio_mtok -> INPUT_AUDIO       output_audio_mtok -> OUTPUT_AUDIO   (TOKEN)
    input_image_mtok -> IMAGE_INPUT       output_image_mtok -> IMAGE_OUTPUT   (TOKEN)
    input_mchars -> CHARACTERS (CHARACTER, 1,000,000)
    input_audio_hours / audio_hours -> AUDIO_MINUTE (MINUTE, 1; the hourly price / 60)
A TieredPrices value (the whole request is priced at the tier rate once the prompt is longer than
`start` tokens) becomes one row per tier: max_input_tokens = start for the base row,
min_input_tokens = start + 1 for the tier row, tier_prices_whole_request = true.
Not converted: per-search / per-request fees, 1-hour cache writes, cached audio/image reads,
batch / flex / priority variants (the dataset dates its batch prices from the day it started
modelling them, 2026-10-14, not from when they began), time-of-day prices.

Rows whose natural key is already in --existing (the shared prices.csv) are skipped, and a
different amount under the same key is reported on stderr.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib.util
import sys
import types
from decimal import Decimal
from pathlib import Path

HEADER = (
    "provider,region,api_model_id,model,product,dimension,unit,unit_quantity,amount,currency,"
    "tax_included,mode,min_input_tokens,max_input_tokens,tier_prices_whole_request,"
    "cache_ttl_seconds,window_start,window_end,window_time_zone,resolution,quality,"
    "duration_seconds,effective_from,effective_to,is_promotion,promotion_ends_on,verified_on,"
    "source_url,observed_on,confidence"
).split(",")

D = dt.date.fromisoformat

# Prompt caching began after some models launched: the cache dimensions hold from these days.
ANTHROPIC_CACHING = D("2024-08-14")  # Anthropic "Prompt caching with Claude" (public beta)
OPENAI_CACHING = D("2024-10-01")  # OpenAI DevDay 2024: automatic prompt caching
CACHE_DIMS = ("CACHED_INPUT_TOKENS", "CACHE_WRITE_TOKENS")

# (genai-prices provider, genai-prices model id) -> our offering and what we know of its dates.
#   since      the day the dataset's first price begins to hold (required)
#   until      the day the offering stopped being sold (closes every row), optional
#   drop       dimensions to leave out (the dataset's figure or its start date is not sure)
#   dim_since  per-dimension start dates that are later than `since`
#   rename     price-key -> dimension overrides (e.g. gpt-image-1's output tokens are image tokens)
#   drop_before  {dimension: date}: leave out that dimension's segments starting before date
MAPPING: list[dict] = [
    # --- OpenAI API ---
    dict(gp=("openai", "gpt-4"), to=("openai", "global", "gpt-4", "gpt-4"), since="2023-03-14"),
    dict(gp=("openai", "gpt-4-turbo"), to=("openai", "global", "gpt-4-turbo", "gpt-4-turbo"), since="2024-04-09"),
    # gpt-4o: the id moved to the 2024-08-06 snapshot at $2.50/$10 on 2024-10-02 (rows before that
    # are in the shared prices.csv).
    dict(gp=("openai", "gpt-4o"), to=("openai", "global", "gpt-4o", "gpt-4o"), since="2024-10-02"),
    dict(gp=("openai", "gpt-4o-mini"), to=("openai", "global", "gpt-4o-mini", "gpt-4o-mini"), since="2024-07-18",
         dim_since={"CACHED_INPUT_TOKENS": OPENAI_CACHING}),
    dict(gp=("openai", "o1"), to=("openai", "global", "o1", "o1"), since="2024-12-17"),
    dict(gp=("openai", "o3-mini"), to=("openai", "global", "o3-mini", "o3-mini"), since="2025-01-31"),
    # o3 launched at $10/$40 with cached input at $2.50; the dataset's first segment gives the
    # post-cut cached price, so the cached row before the 2025-06-10 cut is left out.
    dict(gp=("openai", "o3"), to=("openai", "global", "o3", "o3"), since="2025-04-16",
         drop_before={"CACHED_INPUT_TOKENS": D("2025-06-10")}),
    dict(gp=("openai", "o4-mini"), to=("openai", "global", "o4-mini", "o4-mini"), since="2025-04-16"),
    dict(gp=("openai", "gpt-4.1"), to=("openai", "global", "gpt-4.1", "gpt-4.1"), since="2025-04-14"),
    dict(gp=("openai", "gpt-4.1-mini"), to=("openai", "global", "gpt-4.1-mini", "gpt-4.1-mini"), since="2025-04-14"),
    dict(gp=("openai", "gpt-4.1-nano"), to=("openai", "global", "gpt-4.1-nano", "gpt-4.1-nano"), since="2025-04-14"),
    dict(gp=("openai", "gpt-4.5-preview"), to=("openai", "global", "gpt-4.5-preview", "gpt-4.5"),
         since="2025-02-27", until="2025-07-14"),
    dict(gp=("openai", "gpt-5"), to=("openai", "global", "gpt-5", "gpt-5"), since="2025-08-07"),
    dict(gp=("openai", "gpt-5-mini"), to=("openai", "global", "gpt-5-mini", "gpt-5-mini"), since="2025-08-07"),
    dict(gp=("openai", "gpt-5-nano"), to=("openai", "global", "gpt-5-nano", "gpt-5-nano"), since="2025-08-07"),
    dict(gp=("openai", "gpt-image-1"), to=("openai", "global", "gpt-image-1", "gpt-image-1"), since="2025-04-23",
         rename={"output_mtok": "IMAGE_OUTPUT"}, drop={"CACHED_INPUT_TOKENS"}),
    dict(gp=("openai", "text-embedding-3-small"),
         to=("openai", "global", "text-embedding-3-small", "text-embedding-3-small"), since="2024-01-25"),
    dict(gp=("openai", "text-embedding-3-large"),
         to=("openai", "global", "text-embedding-3-large", "text-embedding-3-large"), since="2024-01-25"),
    dict(gp=("openai", "tts-1"), to=("openai", "global", "tts-1", "tts-1"), since="2023-11-06"),
    dict(gp=("openai", "tts-1-hd"), to=("openai", "global", "tts-1-hd", "tts-1-hd"), since="2023-11-06"),
    dict(gp=("openai", "whisper-1"), to=("openai", "global", "whisper-1", "whisper"), since="2023-03-01"),
    # --- Anthropic API ---
    dict(gp=("anthropic", "claude-3-haiku"), to=("anthropic", "global", "claude-3-haiku-20240307", "claude-3-haiku"),
         since="2024-03-13", dim_since={d: ANTHROPIC_CACHING for d in CACHE_DIMS}),
    # Caching reached Claude 3 Opus after 2024-08-14 (day not known here) and never Claude 3 Sonnet.
    dict(gp=("anthropic", "claude-3-opus-latest"), to=("anthropic", "global", "claude-3-opus-20240229", "claude-3-opus"),
         since="2024-03-04", drop=set(CACHE_DIMS)),
    dict(gp=("anthropic", "claude-3-sonnet"), to=("anthropic", "global", "claude-3-sonnet-20240229", "claude-3-sonnet"),
         since="2024-03-04", drop=set(CACHE_DIMS)),
    dict(gp=("anthropic", "claude-3-5-sonnet"),
         to=("anthropic", "global", "claude-3-5-sonnet-20240620", "claude-3.5-sonnet"),
         since="2024-06-20", dim_since={d: ANTHROPIC_CACHING for d in CACHE_DIMS}),
    dict(gp=("anthropic", "claude-3-7-sonnet-latest"),
         to=("anthropic", "global", "claude-3-7-sonnet-20250219", "claude-3.7-sonnet"), since="2025-02-24"),
    dict(gp=("anthropic", "claude-sonnet-4-0"), to=("anthropic", "global", "claude-sonnet-4-20250514", "claude-sonnet-4"),
         since="2025-05-22"),
    dict(gp=("anthropic", "claude-opus-4-0"), to=("anthropic", "global", "claude-opus-4-20250514", "claude-opus-4"),
         since="2025-05-22"),
    dict(gp=("anthropic", "claude-opus-4-1"), to=("anthropic", "global", "claude-opus-4-1-20250805", "claude-opus-4.1"),
         since="2025-08-05"),
    dict(gp=("anthropic", "claude-sonnet-4-5"),
         to=("anthropic", "global", "claude-sonnet-4-5-20250929", "claude-sonnet-4.5"), since="2025-09-29"),
    dict(gp=("anthropic", "claude-haiku-4-5"),
         to=("anthropic", "global", "claude-haiku-4-5-20251001", "claude-haiku-4.5"), since="2025-10-15"),
    dict(gp=("anthropic", "claude-opus-4-5"),
         to=("anthropic", "global", "claude-opus-4-5-20251101", "claude-opus-4.5"), since="2025-11-24"),
    # --- Google Gemini API ---
    # 1.5 Flash: the price cut of 2024-08-12; 1.5 Pro: the price cut of 2024-10-01. Earlier prices
    # and the context-cache prices (whose dates the dataset lacks) are left out.
    dict(gp=("google", "gemini-1.5-flash"), to=("google", "global", "gemini-1.5-flash", "gemini-1.5-flash"),
         since="2024-08-12", drop=set(CACHE_DIMS)),
    dict(gp=("google", "gemini-1.5-pro"), to=("google", "global", "gemini-1.5-pro", "gemini-1.5-pro"),
         since="2024-10-01", drop=set(CACHE_DIMS)),
    dict(gp=("google", "gemini-2.0-flash"), to=("google", "global", "gemini-2.0-flash", "gemini-2.0-flash"),
         since="2025-02-05", drop=set(CACHE_DIMS)),
    dict(gp=("google", "gemini-2.5-pro"), to=("google", "global", "gemini-2.5-pro", "gemini-2.5-pro"),
         since="2025-06-17", drop=set(CACHE_DIMS)),
    dict(gp=("google", "gemini-2.5-flash"), to=("google", "global", "gemini-2.5-flash", "gemini-2.5-flash"),
         since="2025-06-17", drop=set(CACHE_DIMS)),
    dict(gp=("google", "gemini-2.5-flash-lite"),
         to=("google", "global", "gemini-2.5-flash-lite", "gemini-2.5-flash-lite"),
         since="2025-07-22", drop=set(CACHE_DIMS) | {"INPUT_AUDIO"}),
    # --- Amazon Bedrock (Amazon's own Nova models; on-demand, prompt caching left out) ---
    dict(gp=("aws", "amazon.nova-micro-v1:0"), to=("amazon", "global", "amazon.nova-micro-v1:0", "amazon-nova-micro"),
         since="2024-12-03", drop=set(CACHE_DIMS)),
    dict(gp=("aws", "amazon.nova-lite-v1:0"), to=("amazon", "global", "amazon.nova-lite-v1:0", "amazon-nova-lite"),
         since="2024-12-03", drop=set(CACHE_DIMS)),
    dict(gp=("aws", "amazon.nova-pro-v1:0"), to=("amazon", "global", "amazon.nova-pro-v1:0", "amazon-nova-pro"),
         since="2024-12-03", drop=set(CACHE_DIMS)),
    dict(gp=("aws", "amazon.nova-premier-v1:0"),
         to=("amazon", "global", "amazon.nova-premier-v1:0", "amazon-nova-premier"),
         since="2025-04-30", drop=set(CACHE_DIMS)),
    # --- xAI API ---
    dict(gp=("x-ai", "grok-4-0709"), to=("xai", "global", "grok-4-0709", "grok-4"), since="2025-07-09"),
    dict(gp=("x-ai", "grok-code-fast-1"), to=("xai", "global", "grok-code-fast-1", "grok-code-fast-1"),
         since="2025-08-28"),
    # --- Perplexity Sonar API (per-request search fees left out) ---
    dict(gp=("perplexity", "sonar"), to=("perplexity", "global", "sonar", "perplexity-sonar"), since="2025-01-21"),
    dict(gp=("perplexity", "sonar-pro"), to=("perplexity", "global", "sonar-pro", "perplexity-sonar-pro"),
         since="2025-01-21"),
]

# price key -> (dimension, unit, unit_quantity, divisor applied to the dataset's figure)
KEYS = {
    "input_mtok": ("INPUT_TOKENS", "TOKEN", 1_000_000, 1),
    "output_mtok": ("OUTPUT_TOKENS", "TOKEN", 1_000_000, 1),
    "cache_read_mtok": ("CACHED_INPUT_TOKENS", "TOKEN", 1_000_000, 1),
    "cache_write_mtok": ("CACHE_WRITE_TOKENS", "TOKEN", 1_000_000, 1),
    "input_audio_mtok": ("INPUT_AUDIO", "TOKEN", 1_000_000, 1),
    "output_audio_mtok": ("OUTPUT_AUDIO", "TOKEN", 1_000_000, 1),
    "input_image_mtok": ("IMAGE_INPUT", "TOKEN", 1_000_000, 1),
    "output_image_mtok": ("IMAGE_OUTPUT", "TOKEN", 1_000_000, 1),
    "input_mchars": ("CHARACTERS", "CHARACTER", 1_000_000, 1),
    "input_audio_hours": ("AUDIO_MINUTE", "MINUTE", 1, 60),
    "audio_hours": ("AUDIO_MINUTE", "MINUTE", 1, 60),
}


def load_providers():
    """Import genai_prices.data without running the package __init__ (it needs httpx2)."""
    spec = importlib.util.find_spec("genai_prices")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("genai-prices is not installed: pip install genai-prices==0.2.3 --no-deps pydantic")
    pkg = types.ModuleType("genai_prices")
    pkg.__path__ = list(spec.submodule_search_locations)
    sys.modules["genai_prices"] = pkg
    from genai_prices import data  # noqa: E402

    return {p.id: p for p in data.providers}


def fmt(d: Decimal) -> str:
    s = format(d.normalize(), "f")
    return s


def segments(model, since: dt.date):
    """[(start, ModelPrice)] in date order; the undated price starts at `since`."""
    from genai_prices.types import ConditionalPrice, ModelPrice, StartDateConstraint

    prices = model.prices
    if isinstance(prices, ModelPrice):
        return [(since, prices)]
    out = []
    for cp in prices:
        assert isinstance(cp, ConditionalPrice)
        if cp.constraint is None:
            out.append((since, cp.prices))
        elif isinstance(cp.constraint, StartDateConstraint):
            out.append((max(since, cp.constraint.start_date), cp.prices))
        else:
            raise SystemExit(f"{model.id}: time-of-day prices are not converted")
    out.sort(key=lambda s: s[0])
    # A later segment starting on or before `since` replaces the earlier ones.
    kept = []
    for start, p in out:
        if kept and kept[-1][0] == start:
            kept[-1] = (start, p)
        else:
            kept.append((start, p))
    return kept


def tiers(value):
    """[(min_input_tokens, max_input_tokens, amount)] for a Decimal or TieredPrices."""
    from genai_prices.types import TieredPrices

    if not isinstance(value, TieredPrices):
        return ((None, None, value),)
    starts = [t.start for t in value.tiers]
    out = [(None, starts[0], value.base)]
    for i, t in enumerate(value.tiers):
        upper = value.tiers[i + 1].start if i + 1 < len(value.tiers) else None
        out.append((t.start + 1, upper, t.price))
    return tuple(out)


def convert(providers, entry):
    gp_provider, gp_model = entry["gp"]
    provider, region, api_id, model_slug = entry["to"]
    p = providers[gp_provider]
    matches = [m for m in p.models if m.id == gp_model]
    if len(matches) != 1:
        raise SystemExit(f"{gp_provider}/{gp_model}: not in genai-prices")
    model = matches[0]
    since = D(entry["since"])
    until = D(entry["until"]) if entry.get("until") else None
    drop = set(entry.get("drop", ()))
    dim_since = entry.get("dim_since", {})
    drop_before = entry.get("drop_before", {})
    rename = entry.get("rename", {})
    source = p.pricing_urls[0]

    segs = [(s, mp) for s, mp in segments(model, since) if until is None or s < until]
    # per (dimension, key) timeline of tier tuples
    timeline: dict[tuple, list] = {}
    for idx, (start, mp) in enumerate(segs):
        end = segs[idx + 1][0] if idx + 1 < len(segs) else until
        seen_dims = set()
        for key, (dim, unit, qty, div) in KEYS.items():
            value = getattr(mp, key, None)
            if value is None:
                continue
            dim = rename.get(key, dim)
            if dim in drop or dim in seen_dims:
                continue  # audio_hours and input_audio_hours name the same price
            seen_dims.add(dim)
            ttl = 300 if (dim == "CACHE_WRITE_TOKENS" and gp_provider == "anthropic") else None
            first = max(start, dim_since.get(dim, start))
            if end is not None and first >= end:
                continue
            if dim in drop_before and first < drop_before[dim]:
                continue
            ts = tuple((lo, hi, value / div) for lo, hi, value in tiers(value))
            line = timeline.setdefault((dim, unit, qty, ttl), [])
            if line and line[-1][2] == ts and line[-1][1] == first:
                line[-1][1] = end  # unchanged across segments: extend
            else:
                line.append([first, end, ts])
    rows = []
    for (dim, unit, qty, ttl), line in timeline.items():
        for first, end, ts in line:
            whole = len(ts) > 1
            for lo, hi, amount in ts:
                row = dict.fromkeys(HEADER, "")
                row.update(
                    provider=provider, region=region, api_model_id=api_id, model=model_slug,
                    dimension=dim, unit=unit, unit_quantity=str(qty), amount=fmt(Decimal(amount)),
                    currency="USD",
                    min_input_tokens="" if lo is None else str(lo),
                    max_input_tokens="" if hi is None else str(hi),
                    tier_prices_whole_request="true" if whole else "",
                    cache_ttl_seconds="" if ttl is None else str(ttl),
                    effective_from=first.isoformat(),
                    effective_to="" if end is None else end.isoformat(),
                    source_url=source, confidence="MEDIUM",
                )
                rows.append(row)
    return rows


KEY_COLS = ("provider", "region", "api_model_id", "model", "product", "dimension", "mode",
            "min_input_tokens", "max_input_tokens", "cache_ttl_seconds", "window_start", "window_end",
            "window_time_zone", "resolution", "quality", "duration_seconds", "effective_from")


def key(row):
    return tuple((row.get(c) or ("STANDARD" if c == "mode" else "")) for c in KEY_COLS)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="CSV file to write (header + rows)")
    ap.add_argument("--existing", action="append", default=[],
                    help="a prices.csv whose rows are not to be repeated (may be given again)")
    args = ap.parse_args()

    existing = {}
    for path in args.existing:
        with open(path, newline="") as f:
            for row in csv.DictReader(f):
                existing[key(row)] = row
    providers = load_providers()
    out, skipped = [], 0
    for entry in MAPPING:
        for row in convert(providers, entry):
            old = existing.get(key(row))
            if old is not None:
                skipped += 1
                if Decimal(old["amount"]) != Decimal(row["amount"]):
                    print(f"differs from existing row: {key(row)}: {old['amount']} vs {row['amount']}",
                          file=sys.stderr)
                continue
            out.append(row)
    with open(Path(args.out), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=HEADER, lineterminator="\n")
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} rows written to {args.out}; {skipped} already in the existing files",
          file=sys.stderr)


if __name__ == "__main__":
    main()
