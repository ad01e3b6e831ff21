"""How a pretrained sentence encoder compares with, and adds to, the classifier.

    compare.py EMBEDDINGS_DIR ANSWERS_DIR [--grid]

EMBEDDINGS_DIR holds `<set>.npy` from embed.py for train, test and the probe rounds; ANSWERS_DIR holds
`<set>.jsonl`, the answers of `classifier classify` for test and the probes. Logistic regression heads
for kind and service (scikit-learn, C = 10) are trained on the training split's embeddings. For each
held-out set it prints kind, service and both right for the encoder alone and for the classifier, how
often the two agree and how right they are then, the share of enquiries under the switch's threshold (those the encoder would read), and the result of a switch: take the encoder's answer
where the classifier's confidence is below `t` and the encoder's own (P(kind) x P(service)) is at least
`m`. `t` and `m` are chosen on the test split only; the probes are then read with that choice.
`--grid` also prints both figures for every (t, m) tried. The last column, "as built", is the switch
the classifier runs (`SecondOpinion`): never away from a safeguarding concern or a legal request.
"""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression

LEGAL = {'foi_request', 'eir_request', 'data_rights_request'}
GUARDED = LEGAL | {'safeguarding_concern'}
PROBES = ['round2', 'round3', 'round4', 'round5', 'blind', 'dev']
PATHS = {'train': 'corpus/classification/train.jsonl', 'test': 'corpus/classification/test.jsonl',
         **{p: f'corpus/probe/{p}.jsonl' for p in PROBES}}


def records(name):
    return [json.loads(line) for line in open(PATHS[name]) if line.strip()]


def main():
    embeddings, answers = sys.argv[1:3]
    train = records('train')
    x = np.load(f'{embeddings}/train.npy')
    kind = LogisticRegression(C=10, max_iter=3000).fit(x, [r['labels']['kind'] for r in train])
    service = LogisticRegression(C=10, max_iter=3000).fit(x, [r['labels']['service'] for r in train])

    def rows(name):
        x = np.load(f'{embeddings}/{name}.npy')
        pk, ps = kind.predict_proba(x), service.predict_proba(x)
        ours = [json.loads(line) for line in open(f'{answers}/{name}.jsonl')]
        out = []
        for rec, o, a, b in zip(records(name), ours, pk, ps):
            out.append({'gold': (rec['labels']['kind'], rec['labels']['service']),
                        'ours': (o['kind'], o['service']), 'confidence': o['confidence'],
                        'encoder': (kind.classes_[a.argmax()], service.classes_[b.argmax()]),
                        'encoder_p': float(a.max() * b.max())})
        return out

    def switched(data, t, m, built=False):
        def kept(r):  # the built switch never overrides these (and takes a legal kind only with information governance)
            return built and (r['ours'][0] in GUARDED or (r['encoder'][0] in LEGAL and r['encoder'][1] != 'information_governance'))
        return sum((r['encoder'] if r['confidence'] < t and r['encoder_p'] >= m and not kept(r) else r['ours']) == r['gold'] for r in data)

    cache = {}

    def rows_once(name):
        if name not in cache:
            cache[name] = rows(name)
        return cache[name]

    test = rows_once('test')
    grid = [(t, m) for t in (0.3, 0.5, 0.65, 0.8, 0.9) for m in (0.0, 0.3, 0.5, 0.7)]
    t, m = max(grid, key=lambda g: (switched(test, *g), -g[0], g[1]))
    print(f'switch chosen on the test split: classifier confidence < {t} and encoder P >= {m}')
    print(f"{'set':8s} {'n':>5s} {'encoder':>8s} {'kind':>6s} {'service':>8s} {'classifier':>11s} {'agree':>6s} {'right':>6s} {'under t':>8s} {'switched':>9s} {'both right':>11s} {'as built':>9s}")
    total = {'n': 0, 'enc': 0, 'ours': 0, 'sw': 0, 'built': 0}
    for name in ['test'] + PROBES:
        data = rows_once(name)
        n = len(data)
        enc = sum(r['encoder'] == r['gold'] for r in data)
        ek = sum(r['encoder'][0] == r['gold'][0] for r in data)
        es = sum(r['encoder'][1] == r['gold'][1] for r in data)
        ours = sum(r['ours'] == r['gold'] for r in data)
        agree = [r for r in data if r['ours'] == r['encoder']]
        right = sum(r['ours'] == r['gold'] for r in agree)
        doubtful = sum(r['confidence'] < t for r in data)  # the enquiries the encoder would have to read
        count = sum(r['confidence'] < t and r['encoder_p'] >= m for r in data)
        sw = switched(data, t, m)
        built = switched(data, t, m, built=True)
        print(f'{name:8s} {n:5d} {enc / n:8.3f} {ek / n:6.3f} {es / n:8.3f} {ours / n:11.3f} {len(agree) / n:6.3f} '
              f'{right / max(1, len(agree)):6.3f} {doubtful / n:8.3f} {count:9d} {ours / n:.3f} -> {sw / n:.3f} {built / n:9.3f}')
        if name != 'test':
            total['n'] += n; total['enc'] += enc; total['ours'] += ours; total['sw'] += sw; total['built'] += built
    print(f"probes together: encoder {total['enc'] / total['n']:.3f}, classifier {total['ours'] / total['n']:.3f}, "
          f"with the switch {total['sw'] / total['n']:.3f}, as built {total['built'] / total['n']:.3f} (n = {total['n']})")
    if '--grid' in sys.argv:
        probes = [r for name in PROBES for r in rows_once(name)]
        print('every (t, m): both right on the test split / the six probes together')
        for t, m in grid:
            print(f'  t={t:<4} m={m:<3}: {switched(test, t, m) / len(test):.3f} / {switched(probes, t, m) / len(probes):.3f}')


if __name__ == '__main__':
    main()
