"""Reference sentence vectors for the Swift encoder's tests, computed by embed.py's numpy forward pass.

    embed_reference.py MODEL_DIR OUT.jsonl

Writes one line per text, {"text", "ids", "embedding"}: the word-piece ids the `tokenizers` library
gives and the unit-length vector (384 floats, 7 significant digits). The texts are every 500th record
of the training split and of each probe round, in file order, plus a few of the tokenizer's edge cases:
short and long, accents, a text of more than 256 word pieces.
"""
import json
import sys

import numpy as np

import embed

SOURCES = ['corpus/classification/train.jsonl'] + [f'corpus/probe/{p}.jsonl' for p in
                                                   ('round2', 'round3', 'round4', 'round5', 'blind', 'dev')]
EXTRA = ['hi', 'Café opening hours? Zoë asked — twice!',
         'my nan fell over on the pavement outside the post office ' * 30]


def main():
    model_dir, out = sys.argv[1:3]
    w, tokenizer = embed.load(model_dir)
    texts = []
    for source in SOURCES:
        records = [json.loads(line) for line in open(source) if line.strip()]
        texts += [r['text'] for r in records[::500]]
    texts += EXTRA
    with open(out, 'w') as f:
        for text in texts:
            vector = embed.embed_batch(w, tokenizer, [text])[0]
            f.write(json.dumps({'text': text, 'ids': tokenizer.encode(text).ids,
                                'embedding': [float(f'{v:.7g}') for v in vector]}) + '\n')


if __name__ == '__main__':
    main()
