#!/usr/bin/env python3
"""4-fold cross-validation over the training seeds (the guide for tuning; the test split only reports).

    python3 corpus/classification/crossval.py [--bin .build-cls/release/classifier] [--train-bin OTHER] [--rules-only]
        [--mistakes] [--calibration] [--confidences-out FILE] [--decisions-out FILE]

Every variant of a seed lands in the same fold (fold = SHA-1 of the seed id, a different slice of the
digest from the one generate.py uses for the test split), so a fold's enquiries were never seen in any
form by the model trained on the other three. For each fold: `classifier train` on three folds into a
temporary TrainedModel.swift, `classifier evaluate --model` on the fourth (no rebuild needed; the rules
are the built binary's). Prints each fold's figures and the means. Deterministic.

--train-bin trains with another build (say, the last release's) and evaluates with --bin: a change of
rules measured with the model as it ships until it is retrained (the model's rule features are read
from the rules of the build that trains it).
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def seed_of(record_id):
    return record_id.rsplit("-", 1)[0]


def fold_of(seed):
    return int(hashlib.sha1(seed.encode()).hexdigest()[8:16], 16) % 4


def figures(report):
    out = {}
    for key, pattern in (("both", r"kind and service both right\s+([0-9.]+)"), ("kind", r"kind right\s+([0-9.]+)"),
                         ("service", r"service right\s+([0-9.]+)"), ("sg", r"safeguarding recall\s+([0-9.]+)"),
                         ("special", r"special-category recall\s+([0-9.]+)")):
        m = re.search(pattern, report)
        out[key] = float(m.group(1)) if m else float("nan")
    m = re.search(r"below triage threshold [0-9.]+\s+(\d+) \((\d+) of them wrong\); wrong above it: (\d+)", report)
    out["triaged"], out["triaged_wrong"], out["confident_wrong"] = (int(m.group(i)) for i in (1, 2, 3)) if m else (0, 0, 0)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build-cls", "release", "classifier"))
    ap.add_argument("--train-bin", help="train each fold with this build instead of --bin (rules changed, model not retrained)")
    ap.add_argument("--corpus", default=os.path.join(HERE, "train.jsonl"))
    ap.add_argument("--rules-only", action="store_true", help="also evaluate the rules alone on each fold")
    ap.add_argument("--mistakes", action="store_true", help="print every fold's mistakes")
    ap.add_argument("--calibration", action="store_true",
                    help="pool the held-out confidences of the four folds: a calibration table and its ECE")
    ap.add_argument("--confidences-out", help="write the pooled held-out 'id confidence right' lines to this file")
    ap.add_argument("--decisions-out",
                    help="write every held-out answer with its labels and evidence (classify --model) to this file, "
                         "and count the safeguarding answers by what decided them")
    args = ap.parse_args()

    rows = [json.loads(line) for line in open(args.corpus, encoding="utf-8") if line.strip()]
    folds = [[r for r in rows if fold_of(seed_of(r["id"])) == k] for k in range(4)]
    results = []
    pooled = []  # (id, confidence, right) of every held-out enquiry
    decisions = []  # with --decisions-out: (record, classify answer) of every held-out enquiry
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(4):
            train = os.path.join(tmp, f"train{k}.jsonl")
            held = os.path.join(tmp, f"held{k}.jsonl")
            model = os.path.join(tmp, f"Model{k}.swift")
            with open(train, "w", encoding="utf-8") as f:
                for j in range(4):
                    if j != k:
                        for r in folds[j]:
                            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            with open(held, "w", encoding="utf-8") as f:
                for r in folds[k]:
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
            subprocess.run([args.train_bin or args.bin, "train", train, "--out", model], check=True, stdout=subprocess.DEVNULL, env=os.environ)
            cmd = [args.bin, "evaluate", held, "--model", model] + (["--mistakes"] if args.mistakes else [])
            cmd += ["--confidences"] if args.calibration or args.confidences_out else []
            report = subprocess.run(cmd, check=True, capture_output=True, text=True, env=os.environ).stdout
            if "## confidences" in report:
                block = report.split("## confidences", 1)[1].split("## mistakes", 1)[0]
                for row in block.split("\n"):
                    parts = row.split()
                    if len(parts) >= 3:
                        pooled.append((parts[0], float(parts[1]), parts[2] == "1", parts[3:]))
            if args.decisions_out:
                request = "".join(json.dumps({"id": r["id"], "channel": r["channel"], "text": r["text"]}, ensure_ascii=False) + "\n"
                                  for r in folds[k])
                answers = subprocess.run([args.bin, "classify", "--model", model], input=request, check=True,
                                         capture_output=True, text=True, env=os.environ).stdout.splitlines()
                decisions += [(r, json.loads(a)) for r, a in zip(folds[k], answers)]
            fig = figures(report)
            if args.rules_only:
                rep = subprocess.run([args.bin, "evaluate", held, "--rules-only"], check=True, capture_output=True, text=True).stdout
                fig["rules"] = figures(rep)["both"]
            seeds = len({seed_of(r["id"]) for r in folds[k]})
            results.append(fig)
            line = (f"fold {k}: {len(folds[k])} enquiries from {seeds} seeds  both {fig['both']:.3f}  kind {fig['kind']:.3f}  "
                    f"service {fig['service']:.3f}  sg recall {fig['sg']:.3f}  special recall {fig['special']:.3f}  "
                    f"triaged {fig['triaged']} ({fig['triaged_wrong']} wrong), wrong above {fig['confident_wrong']}")
            if args.rules_only:
                line += f"  rules alone {fig['rules']:.3f}"
            print(line, flush=True)
            if args.mistakes:
                print(report.split("## mistakes", 1)[-1])
    mean = {key: sum(r[key] for r in results) / 4 for key in ("both", "kind", "service", "sg", "special")}
    line = (f"mean: both {mean['both']:.3f}  kind {mean['kind']:.3f}  service {mean['service']:.3f}  "
            f"sg recall {mean['sg']:.3f}  special recall {mean['special']:.3f}  "
            f"wrong above threshold {sum(r['confident_wrong'] for r in results)}")
    if args.rules_only:
        line += f"  rules alone {sum(r['rules'] for r in results) / 4:.3f}"
    print(line)
    if args.confidences_out:
        with open(args.confidences_out, "w", encoding="utf-8") as f:
            for rid, c, right, signals in pooled:
                f.write(" ".join([rid, str(c), "1" if right else "0"] + signals) + "\n")
    if args.decisions_out:
        with open(args.decisions_out, "w", encoding="utf-8") as f:
            for r, a in decisions:
                f.write(json.dumps({"id": r["id"], "labels": r["labels"], "answer": a}, ensure_ascii=False) + "\n")
        print(safeguarding_sources(decisions))
        print(district_misroutes(decisions))
    if args.calibration and pooled:
        print(calibration_table([(c, right) for _, c, right, _ in pooled], "calibration of the held-out answers"))


def safeguarding_sources(decisions):
    """Held-out safeguarding answers, right and wrong, by what decided them (the evidence's decision line)."""
    counts = {}
    concerns = found = routed = vetoed = 0
    for r, a in decisions:
        evidence = a.get("evidence") or []
        truth = r["labels"]["kind"] == "safeguarding_concern"
        concerns += truth
        vetoed += any(e.startswith("rule: weak safeguarding cue set aside") for e in evidence)
        if a.get("kind") != "safeguarding_concern":
            continue
        found += truth
        routed += truth and a.get("service") == r["labels"]["service"]
        source = ("passage" if any("in a passage" in e for e in evidence)
                  else "rules" if any(e.startswith("rule: safeguarding ranked first") for e in evidence)
                  else "model" if any(e.startswith("model: safeguarding p=") for e in evidence) else "other")
        key = (source, "right" if truth else "false")
        counts[key] = counts.get(key, 0) + 1
    lines = [f"safeguarding: {found} of {concerns} concerns found, {routed} of them to the right service; "
             f"{sum(v for (s, t), v in counts.items() if t == 'false')} false; {vetoed} weak rule concerns set aside"]
    for source in ("rules", "model", "passage", "other"):
        right, false = counts.get((source, "right"), 0), counts.get((source, "false"), 0)
        if right or false:
            lines.append(f"  decided by {source}: {right} right, {false} false")
    return "\n".join(lines)


def district_misroutes(decisions):
    """Held-out district-council enquiries answered with another service, and how many of those were
    answered as safeguarding concerns (a district is never chosen for them)."""
    misrouted = [a for r, a in decisions
                 if r["labels"]["service"] == "district_council" and a.get("service") != "district_council"]
    total = sum(r["labels"]["service"] == "district_council" for r, _ in decisions)
    as_concerns = sum(a.get("kind") == "safeguarding_concern" for a in misrouted)
    return (f"district council: {len(misrouted)} of {total} enquiries sent to another service, "
            f"{as_concerns} of them as safeguarding concerns")


def calibration_table(pairs, title="calibration"):
    """Ten bins of 0.1 over (confidence, right) pairs: count, mean confidence, share right; ECE and Brier."""
    bins = [[0, 0.0, 0] for _ in range(10)]
    for c, right in pairs:
        b = bins[min(9, max(0, int(c * 10)))]
        b[0] += 1
        b[1] += c
        b[2] += 1 if right else 0
    n = len(pairs)
    ece = sum(b[0] / n * abs(b[2] / b[0] - b[1] / b[0]) for b in bins if b[0])
    brier = sum((c - (1 if r else 0)) ** 2 for c, r in pairs) / n
    lines = [f"{title} over {n} enquiries: ECE {ece:.3f}, Brier {brier:.3f}",
             "confidence   enquiries  mean confidence  both right"]
    for i, b in enumerate(bins):
        if b[0]:
            lines.append(f"{i / 10:.1f}-{(i + 1) / 10:.1f}   {b[0]:9d}            {b[1] / b[0]:.3f}       {b[2] / b[0]:.3f}")
    return "\n".join(lines)

if __name__ == "__main__":
    sys.exit(main())
