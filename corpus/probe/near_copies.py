#!/usr/bin/env python3
"""New enquiries that are close to one already in the corpus or a probe round (difflib ratio).

    python3 corpus/probe/near_copies.py /path/to/new-writer.jsonl [...]

Reads every complete seed (`corpus/classification/seeds-*.txt`) and every probe round
(`corpus/probe/*.jsonl`, leaving out the files given, so a round can be checked after it was added) and
prints, for each new enquiry whose best match has a ratio above 0.6, the ratio, its id and the match's
place. Pairs of texts sharing under 40% of their words are not compared (too far apart to matter). A new
writer's enquiry above 0.75 beside a probe's is left out of training; a probe's close to a training seed
is named in BRIEF.md.
"""
import difflib
import glob
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "..", "classification")


def records(path):
    with open(path, encoding="utf-8") as f:
        return [(r["id"], r["text"].lower()) for r in map(json.loads, filter(str.strip, f))]


def seed_texts():
    out = []
    for path in sorted(glob.glob(os.path.join(SEEDS, "seeds-*.txt"))):
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if " | " in line and not line.startswith("#"):
                    text = line.split(" | ", 1)[1].rstrip("\n").replace("\\n", "\n").lower()
                    out.append((f"{os.path.basename(path)}:{n}", text))
    return out


def words(text):
    return set(re.findall(r"[a-z0-9]+", text))


def main():
    new_paths = sys.argv[1:]
    if not new_paths:
        sys.exit("usage: near_copies.py NEW.jsonl [...]: JSON Lines of enquiries to check against the corpus and probes")
    given = {os.path.abspath(p) for p in new_paths}
    probes = [p for p in sorted(glob.glob(os.path.join(HERE, "*.jsonl")))
              if os.path.abspath(p) not in given and "second-reading" not in p]
    others = seed_texts() + [r for p in probes for r in records(p)]
    new = [r for p in new_paths for r in records(p)]
    other_words = [(i, t, words(t)) for i, t in others]
    new_words = [(i, t, words(t)) for i, t in new]
    for k, (ia, ta, wa) in enumerate(new_words):
        best = (0.0, None)
        for ib, tb, wb in other_words + new_words[k + 1:]:
            if not wa or not wb or len(wa & wb) / len(wa | wb) < 0.4:
                continue
            ratio = difflib.SequenceMatcher(None, ta, tb, autojunk=False).ratio()
            if ratio > best[0]:
                best = (ratio, ib)
        if best[0] > 0.6:
            print(f"{best[0]:.2f} {ia} {best[1]}", flush=True)


if __name__ == "__main__":
    main()
