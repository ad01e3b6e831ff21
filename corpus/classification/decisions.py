#!/usr/bin/env python3
"""Counts over `crossval.py --decisions-out` files (one JSON line per held-out enquiry: id, labels, answer).

    python3 corpus/classification/decisions.py compare BEFORE.jsonl AFTER.jsonl
        kind and service both right in each, how many enquiries the change gained and lost, and the lost ids
    python3 corpus/classification/decisions.py evidence PREFIX DECISIONS.jsonl
        the labelled kinds of the enquiries whose answer has an evidence line starting with PREFIX

Both files of `compare` must hold the same enquiries (the same corpus and folds).
"""
import collections
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, f)}


def both_right(record):
    labels, answer = record["labels"], record["answer"]
    return labels["kind"] == answer["kind"] and labels["service"] == answer["service"]


def compare(before_path, after_path):
    before, after = load(before_path), load(after_path)
    if before.keys() != after.keys():
        sys.exit("decisions.py: the two files hold different enquiries; run crossval.py on the same corpus for both")
    gained = [i for i in before if not both_right(before[i]) and both_right(after[i])]
    lost = [i for i in before if both_right(before[i]) and not both_right(after[i])]
    changed = sum(1 for i in before
                  if (before[i]["answer"]["kind"], before[i]["answer"]["service"]) != (after[i]["answer"]["kind"], after[i]["answer"]["service"]))
    print(f"kind and service both right: {sum(map(both_right, before.values()))} -> {sum(map(both_right, after.values()))} of {len(before)}")
    print(f"gained {len(gained)}, lost {len(lost)}, answers changed {changed}")
    if lost:
        print("lost: " + " ".join(sorted(lost)))


def evidence(prefix, path):
    kinds = collections.Counter(r["labels"]["kind"] for r in load(path).values()
                                if any(line.startswith(prefix) for line in r["answer"]["evidence"]))
    print(f"{sum(kinds.values())} enquiries with evidence starting {prefix!r}")
    for kind, n in kinds.most_common():
        print(f"  {kind:22} {n}")


def main(argv):
    if len(argv) == 4 and argv[1] == "compare":
        compare(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "evidence":
        evidence(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
