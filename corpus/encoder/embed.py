"""Sentence embeddings of a JSONL corpus with all-MiniLM-L6-v2, computed in numpy.

    embed.py MODEL_DIR INPUT.jsonl OUTPUT.npy

The encoder is BERT (6 layers, 384 wide, 12 heads): token, position and type embeddings, then per
layer self-attention and a GELU feed-forward, each with a residual and layer norm; the sentence is
the mean of its tokens' last states (padding masked out), scaled to unit length, as the model's
sentence-transformers configuration says. Texts are cut at 256 word pieces. One row per record,
in file order. Prints the rate to stderr (texts are batched by length, 32 at a time).
"""
import json
import sys
import time

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

HIDDEN, HEADS = 384, 12


def load(model_dir):
    weights = load_file(f'{model_dir}/model.safetensors')
    tokenizer = Tokenizer.from_file(f'{model_dir}/tokenizer.json')
    tokenizer.enable_truncation(256)
    tokenizer.no_padding()
    return {k: v.astype(np.float32) for k, v in weights.items()}, tokenizer


def layer_norm(x, w, b, eps=1e-12):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * w + b


def gelu(x):
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def embed_batch(w, tokenizer, texts):
    encodings = [tokenizer.encode(t).ids for t in texts]
    batch, n = len(encodings), max(len(e) for e in encodings)
    ids = np.zeros((batch, n), dtype=np.int64)
    mask = np.zeros((batch, n), dtype=np.float32)
    for i, e in enumerate(encodings):
        ids[i, :len(e)] = e
        mask[i, :len(e)] = 1
    x = w['embeddings.word_embeddings.weight'][ids] + w['embeddings.position_embeddings.weight'][:n][None] \
        + w['embeddings.token_type_embeddings.weight'][0]
    x = layer_norm(x, w['embeddings.LayerNorm.weight'], w['embeddings.LayerNorm.bias'])
    padding = (1 - mask)[:, None, None, :] * -1e9
    head = HIDDEN // HEADS

    def dense(v, name):
        return v @ w[name + '.weight'].T + w[name + '.bias']

    for i in range(6):
        p = f'encoder.layer.{i}.'
        def split(v):
            return v.reshape(batch, n, HEADS, head).transpose(0, 2, 1, 3)
        q, k, v = (split(dense(x, p + 'attention.self.' + m)) for m in ('query', 'key', 'value'))
        a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(head) + padding
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        context = (a @ v).transpose(0, 2, 1, 3).reshape(batch, n, HIDDEN)
        x = layer_norm(x + dense(context, p + 'attention.output.dense'),
                       w[p + 'attention.output.LayerNorm.weight'], w[p + 'attention.output.LayerNorm.bias'])
        x = layer_norm(x + dense(gelu(dense(x, p + 'intermediate.dense')), p + 'output.dense'),
                       w[p + 'output.LayerNorm.weight'], w[p + 'output.LayerNorm.bias'])
    e = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    return e / np.linalg.norm(e, axis=1, keepdims=True)


def main():
    model_dir, source, out = sys.argv[1:4]
    w, tokenizer = load(model_dir)
    texts = [json.loads(line)['text'] for line in open(source) if line.strip()]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    result = np.zeros((len(texts), HIDDEN), dtype=np.float32)
    start = time.time()
    for s in range(0, len(order), 32):
        chunk = order[s:s + 32]
        result[chunk] = embed_batch(w, tokenizer, [texts[i] for i in chunk])
    elapsed = time.time() - start
    np.save(out, result)
    print(f'{source}: {len(texts)} texts in {elapsed:.1f} s ({len(texts) / elapsed:.1f}/s)', file=sys.stderr)


if __name__ == '__main__':
    main()
