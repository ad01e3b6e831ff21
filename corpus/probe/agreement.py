#!/usr/bin/env python3
"""How far a second reader's labels agree with a probe's, label by label.

    python3 corpus/probe/agreement.py corpus/probe/round5.jsonl corpus/probe/round5-second-reading.jsonl
    .build-cls/release/classifier classify < corpus/probe/round5.jsonl > /tmp/answers.jsonl
    python3 corpus/probe/agreement.py corpus/probe/round5.jsonl corpus/probe/round5-second-reading.jsonl \
        --classified /tmp/answers.jsonl

The second reader labelled each enquiry from its text alone, by labels.md (corpus/probe/BRIEF.md,
"Second reading"). Their agreement with the writers says how far the labels themselves are settled:
what a classifier could be expected to reach on the same texts. With `--classified` (the classifier's answers
to the probe, as `classifier classify` writes them), also how often its kind and service are both the writer's,
on the enquiries where the two readings agree and on those where they differ.
"""
import collections
import json
import sys


def load(path):
    with open(path, encoding="utf-8") as f:
        return {r["id"]: r for r in map(json.loads, filter(str.strip, f))}


def main():
    args = sys.argv[1:]
    classified = None
    if "--classified" in args:
        i = args.index("--classified")
        if i + 1 >= len(args):
            sys.exit("--classified needs a file: the classifier's answers to the probe (classifier classify < PROBE.jsonl)")
        classified = load(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit("usage: agreement.py PROBE.jsonl SECOND-READING.jsonl [--classified ANSWERS.jsonl]")
    probe, second = load(args[0]), load(args[1])
    missing = sorted(set(probe) - set(second))
    if missing:
        sys.exit(f"the second reading has no labels for {len(missing)} enquiries, e.g. {missing[:3]}; label every one")
    n = len(probe)
    kind = service = both = 0
    district_given = district_same = special_given = special_found = 0
    sg_writer = sg_reader = sg_both = 0
    kinds, services = collections.Counter(), collections.Counter()
    for id_, record in probe.items():
        a, b = record["labels"], second[id_]["labels"]
        k, s = a["kind"] == b["kind"], a["service"] == b["service"]
        kind += k
        service += s
        both += k and s
        if not k:
            kinds[(a["kind"], b["kind"])] += 1
        if not s:
            services[(a["service"], b["service"])] += 1
        if a.get("district"):
            district_given += 1
            district_same += b.get("district") == a["district"]
        for c in a.get("special_category") or []:
            special_given += 1
            special_found += c in (b.get("special_category") or [])
        sg_writer += a["kind"] == "safeguarding_concern"
        sg_reader += b["kind"] == "safeguarding_concern"
        sg_both += a["kind"] == b["kind"] == "safeguarding_concern"
    print(f"enquiries                         {n}")
    print(f"kind the same                     {kind / n:.3f}   ({kind}/{n})")
    print(f"service the same                  {service / n:.3f}   ({service}/{n})")
    print(f"kind and service both the same    {both / n:.3f}   ({both}/{n})")
    print(f"district the same, place given    {district_same}/{district_given}")
    print(f"special categories found again    {special_found}/{special_given}")
    print(f"safeguarding concerns             writers {sg_writer}, reader {sg_reader}, both {sg_both}")
    if classified is not None:
        unanswered = sorted(set(probe) - set(classified))
        if unanswered:
            sys.exit(f"the classifier's answers lack {len(unanswered)} enquiries, e.g. {unanswered[:3]}; classify the whole probe")
        groups = {"readings agree": [], "readings differ": []}
        for id_, record in probe.items():
            a, b = record["labels"], second[id_]["labels"]
            same = a["kind"] == b["kind"] and a["service"] == b["service"]
            c = classified[id_]
            groups["readings agree" if same else "readings differ"].append(
                c["kind"] == a["kind"] and c["service"] == a["service"])
        for name, rights in groups.items():
            if rights:
                print(f"classifier both right, {name}: {sum(rights) / len(rights):.3f}   ({sum(rights)}/{len(rights)})")
    for title, table in (("kind (writer -> reader)", kinds), ("service (writer -> reader)", services)):
        if table:
            print(f"\n{title}:")
            for (a, b), count in table.most_common():
                print(f"  {a} -> {b}: {count}")


if __name__ == "__main__":
    main()
