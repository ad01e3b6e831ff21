#!/usr/bin/env bash
# The encoder comparison, end to end (docs/classification.md, "A pretrained sentence encoder"):
# sets up the venv and model, embeds the training split, the test split and the six probe rounds
# (about 45 minutes on two cores: numpy, not an inference runtime), asks the classifier (debug build)
# for its own answers (without the second opinion) and prints compare.py's table. Run from the repository root.
set -euo pipefail
work="$(bash corpus/encoder/setup.sh)"
py="$work/venv/bin/python"
mkdir -p "$work/emb" "$work/answers"
swift build --product classifier >/dev/null
sets="train:corpus/classification/train.jsonl test:corpus/classification/test.jsonl"
for p in round2 round3 round4 round5 blind dev; do sets="$sets $p:corpus/probe/$p.jsonl"; done
for entry in $sets; do
  name="${entry%%:*}"; file="${entry#*:}"
  [ -f "$work/emb/$name.npy" ] || OMP_NUM_THREADS=1 "$py" corpus/encoder/embed.py "$work/model" "$file" "$work/emb/$name.npy"
  [ "$name" = train ] || .build/debug/classifier classify --no-second-opinion < "$file" > "$work/answers/$name.jsonl"
done
"$py" corpus/encoder/compare.py "$work/emb" "$work/answers" --grid
