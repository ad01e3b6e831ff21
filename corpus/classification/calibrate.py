#!/usr/bin/env python3
"""Fits the classifier's confidence calibration to held-out decisions.

    SIGNPOST_CALIBRATION=off python3 corpus/classification/crossval.py --confidences-out /tmp/cv-confidences.txt
    python3 corpus/classification/calibrate.py /tmp/cv-confidences.txt \\
        --out Services/classifier/Decision/FittedCalibration.swift      # then rebuild
    python3 corpus/classification/calibrate.py /tmp/cv-confidences.txt --thresholds  # triage trade-offs

Input: one line per held-out enquiry of the four cross-validation folds (each classified by a
model that never saw its seed): `id confidence right` and, for an ordinary decision (complaint,
compliment, service request or general enquiry chosen by the model), its signals `kind_p service_p
kind_disagrees service_disagrees no_service_cue` (the signals do not depend on the calibration; the
confidence column is the old one when crossval ran with SIGNPOST_CALIBRATION=off). Fits P(kind and service both right) by logistic
regression on logit(kind_p), logit(service_p) and the three flags (Newton's method, a small L2
penalty, deterministic), prints the coefficients and the calibration of the ordinary decisions
before and after, and writes the Swift constant the classifier runs.
"""
import argparse
import hashlib
import math
import sys

import numpy as np

from crossval import calibration_table as table


def logit(p):
    q = min(0.999, max(0.001, p))
    return math.log(q / (1 - q))


def read(path):
    """Every held-out enquiry: (confidence, right, inputs), inputs (with a leading 1 for the intercept)
    only for an ordinary decision, else None."""
    rows = []
    for line in open(path, encoding="utf-8"):
        parts = line.split()
        if len(parts) < 3:
            continue
        inputs = None
        if len(parts) == 8:
            kp, sp, kd, sd, ns = (float(x) for x in parts[3:])
            inputs = [1.0, logit(kp), logit(sp), kd, sd, ns]
        rows.append((float(parts[1]), parts[2] == "1", inputs))
    return rows


def fit(rows, l2=1e-3, steps=50):
    x = np.array([r[2] for r in rows])
    y = np.array([1.0 if r[1] else 0.0 for r in rows])
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + l2 * np.r_[0, w[1:]]
        hess = (x.T * (p * (1 - p))) @ x + l2 * np.diag(np.r_[0, np.ones(len(w) - 1)])
        w -= np.linalg.solve(hess, grad)
    return w


def with_calibrated(rows, w):
    """(old confidence, calibrated confidence, right) of every enquiry; decisions that are not
    ordinary keep their confidence."""
    return [(c, c if x is None else 1 / (1 + math.exp(-float(np.dot(w, x)))), right) for c, right, x in rows]


def thresholds(rows):
    """For each threshold: how many go to triage (how many of them wrong) and how many wrong pass above it,
    by the old and the calibrated confidence; then the wrong answers caught at equal triage volumes."""
    def at(t, i):
        below = [r for r in rows if r[i] < t]
        return len(below), sum(1 for r in below if not r[2]), sum(1 for r in rows if r[i] >= t and not r[2])
    lines = ["threshold   old: triaged (wrong), wrong above   calibrated: triaged (wrong), wrong above"]
    for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8):
        a, b = at(t, 0), at(t, 1)
        lines.append(f"{t:.2f}        {a[0]:5d} ({a[1]:4d}), {a[2]:4d}             {b[0]:5d} ({b[1]:4d}), {b[2]:4d}")
    for volume in (200, 372, 500, 700):
        caught = [sum(1 for r in sorted(rows, key=lambda r: r[i])[:volume] if not r[2]) for i in (0, 1)]
        lines.append(f"the {volume} least confident: {caught[0]} wrong by the old confidence, {caught[1]} by the calibrated")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("confidences")
    ap.add_argument("--out", help="write the Swift constant here")
    ap.add_argument("--thresholds", action="store_true",
                    help="compare triage thresholds on the old and the calibrated confidence (in-sample for the fit)")
    args = ap.parse_args()
    everything = read(args.confidences)
    rows = [r for r in everything if r[2] is not None]
    if not rows:
        sys.exit("no ordinary decisions with signals in " + args.confidences)
    w = fit(rows)
    calibrated = [(new, right) for _, new, right in with_calibrated(rows, w)]
    print(table([(r[0], r[1]) for r in rows], "before: ordinary decisions"))
    print(table(calibrated, "after: ordinary decisions"))
    if args.thresholds:
        print(thresholds(with_calibrated(everything, w)))
    coefficients = [round(float(v), 6) for v in w]
    print("coefficients (intercept, logit kind p, logit service p, kind disagrees, service disagrees, no service cue):",
          coefficients)
    digest = hashlib.sha1(" ".join(f"{c:.6f}" for c in coefficients).encode()).hexdigest()[:8]
    version = f"cal-1.0-{digest}"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write("// Generated by corpus/classification/calibrate.py from held-out cross-validation decisions; do not edit.\n")
            f.write("extension ConfidenceCalibration {\n")
            f.write("    /// The calibration the classifier runs.\n")
            f.write(f"    static let fitted: ConfidenceCalibration? = ConfidenceCalibration(\n")
            f.write(f"        version: \"{version}\",\n")
            f.write(f"        coefficients: [{', '.join(repr(c) for c in coefficients)}]\n")
            f.write("    )\n}\n")
        print("wrote", args.out, version)


if __name__ == "__main__":
    sys.exit(main())
