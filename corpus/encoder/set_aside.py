"""How far the encoder may set aside a safeguarding concern found on weak signs (`SecondOpinion.setAsideBelow`).

    set_aside.py EMBEDDINGS_DIR DECISIONS.jsonl [ANSWERS.jsonl ...]

DECISIONS is `crossval.py --decisions-out` (held-out answers of the classifier on the training split,
run with SIGNPOST_SECOND_OPINION=off so that the concerns are the classifier's own). The encoder's
kind head is cross-fitted on the same four folds as crossval.py (fold = SHA-1 of the seed id), so
every P(concern) comes from a head that never saw any variant of that enquiry's seed. Each further
ANSWERS file is `classifier classify --no-second-opinion` of a test or probe set whose name (test,
round2, ..., dev) has `<name>.npy` in EMBEDDINGS_DIR; those are read with the head trained on the
whole training split.

For every concern the classifier found, the evidence line "safeguarding signs: risk R, ..." says
whether the second opinion may question it (`SecondOpinion.mayQuestion`: no strong cue, no worry
about a person, risk under 1.2). For each threshold it prints how many false concerns would be set
aside and how many true ones lost, under that condition and, for comparison, with no condition.
"""
import json
import os
import re
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'classification'))
from crossval import fold_of, seed_of  # noqa: E402  (the same folds as the decisions)

TRAIN = 'corpus/classification/train.jsonl'
PATHS = {'test': 'corpus/classification/test.jsonl',
         **{p: f'corpus/probe/{p}.jsonl' for p in ['round2', 'round3', 'round4', 'round5', 'blind', 'dev']}}
THRESHOLDS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05]
SIGNS = re.compile(r'^safeguarding signs: risk ([0-9.]+), (a strong cue|no strong cue), (worry about a person|no worry about a person)$')


def head(x, labels):
    return LogisticRegression(C=10, max_iter=3000).fit(x, labels)


def concern_column(model):
    return list(model.classes_).index('safeguarding_concern')


def rows(answers, labels, concern):
    """(questionable, true concern, P(concern)) for every concern the classifier found."""
    out = []
    for a in answers:
        if a['kind'] != 'safeguarding_concern':
            continue
        signs = [SIGNS.match(e) for e in a['evidence']]
        signs = [m for m in signs if m]
        if not signs:
            sys.exit(f"{a['id']}: no 'safeguarding signs' evidence line; is the classifier older than rules 1.9.0?")
        risk, strong, about = float(signs[0].group(1)), signs[0].group(2) == 'a strong cue', signs[0].group(3) == 'worry about a person'
        out.append((not strong and not about and risk < 1.2, labels[a['id']] == 'safeguarding_concern', concern[a['id']]))
    return out


def table(name, found):
    true_total = sum(1 for _, t, _ in found if t)
    false_total = len(found) - true_total
    print(f'\n{name}: {true_total} concerns found, {false_total} false')
    print('threshold  questioned: false set aside  true lost   any concern: false set aside  true lost')
    for thr in THRESHOLDS:
        q = [(t, p) for ok, t, p in found if ok and p < thr]
        a = [(t, p) for _, t, p in found if p < thr]
        print(f'{thr:<10} {sum(1 for t, _ in q if not t):>23} {sum(1 for t, _ in q if t):>10}'
              f'   {sum(1 for t, _ in a if not t):>27} {sum(1 for t, _ in a if t):>10}')
    lowest = sorted(p for ok, t, p in found if ok and t)[:3]
    print('lowest P(concern) of a true concern that may be questioned:', ', '.join(f'{p:.4f}' for p in lowest) or 'none')


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    embeddings, decisions = sys.argv[1], sys.argv[2]
    train = [json.loads(line) for line in open(TRAIN) if line.strip()]
    x = np.load(os.path.join(embeddings, 'train.npy')).astype(np.float64)
    kinds = np.array([r['labels']['kind'] for r in train])
    folds = np.array([fold_of(seed_of(r['id'])) for r in train])
    concern = {}
    for k in range(4):
        model = head(x[folds != k], kinds[folds != k])
        p = model.predict_proba(x[folds == k])[:, concern_column(model)]
        for r, pk in zip((r for r, f in zip(train, folds) if f == k), p):
            concern[r['id']] = pk
    held = [json.loads(line) for line in open(decisions) if line.strip()]
    table('cross-validation (held-out answers, cross-fitted head)',
          rows([h['answer'] for h in held], {h['id']: h['labels']['kind'] for h in held}, concern))
    whole = head(x, kinds)
    for path in sys.argv[3:]:
        answers = [json.loads(line) for line in open(path) if line.strip()]
        name = os.path.splitext(os.path.basename(path))[0]
        records = [json.loads(line) for line in open(PATHS[name]) if line.strip()]
        p = whole.predict_proba(np.load(os.path.join(embeddings, f'{name}.npy')).astype(np.float64))[:, concern_column(whole)]
        table(name, rows(answers, {r['id']: r['labels']['kind'] for r in records}, {r['id']: pk for r, pk in zip(records, p)}))


if __name__ == '__main__':
    main()
