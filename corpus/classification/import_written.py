#!/usr/bin/env python3
"""Appends enquiries written as JSON Lines (the examples.jsonl format) to a complete-seed file.

    python3 corpus/classification/import_written.py writer1.jsonl [writer2.jsonl ...] >> corpus/classification/seeds-ywriters.txt

For enquiries written by hand outside this corpus, by writers who read only labels.md, its examples and
the privacy notice: each record becomes one line `channel kind service district special | text` (line
breaks written as "\\n"), its labels as the writer gave them. Refuses a record whose labels are not in
labels.md's vocabulary, or whose district disagrees with its service, and names it.
"""
import json
import sys

from generate import DISTRICTS, KINDS, SERVICES, SPECIAL

SHORT = {v: k for table in (KINDS, SERVICES, DISTRICTS, SPECIAL) for k, v in table.items()}


def line(record):
    labels = record["labels"]
    kind, service, district = labels["kind"], labels["service"], labels.get("district")
    if kind not in KINDS.values() or service not in SERVICES.values():
        raise ValueError(f"unknown kind or service {kind!r} / {service!r}")
    if district is not None and (service != "district_council" or district not in DISTRICTS.values()):
        raise ValueError(f"district {district!r} with service {service!r}")
    special = labels.get("special_category") or []
    if any(s not in SPECIAL.values() for s in special):
        raise ValueError(f"unknown special category in {special!r}")
    if record["channel"] not in ("phone", "email", "webform", "bot"):
        raise ValueError(f"unknown channel {record['channel']!r}")
    text = record["text"].strip().replace("\r\n", "\n")
    if "\\n" in text:
        raise ValueError("text holds a literal backslash-n, which the seed format reads as a line break")
    head = " ".join([record["channel"], SHORT[kind], SHORT[service], SHORT[district] if district else "-",
                     ",".join(SHORT[s] for s in special) or "-"])
    return head + " | " + text.replace("\n", "\\n")


def main():
    failed = False
    for path in sys.argv[1:]:
        for n, raw in enumerate(open(path, encoding="utf-8"), 1):
            if not raw.strip():
                continue
            try:
                print(line(json.loads(raw)))
            except (ValueError, KeyError, json.JSONDecodeError) as e:
                print(f"{path}:{n}: {e}", file=sys.stderr)
                failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
