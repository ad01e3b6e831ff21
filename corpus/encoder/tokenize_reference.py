"""Reference word-piece ids for the Swift WordPieceTokenizer's tests, from the `tokenizers` library.

    tokenize_reference.py TOKENIZER_JSON OUT.jsonl

Loads TOKENIZER_JSON (all-MiniLM-L6-v2's tokenizer.json) with truncation at 256 and no padding, as
embed.py does, and writes one line per text, {"text", "ids"}: the ids `Tokenizer.encode(text).ids`
gives, [CLS] and [SEP] included. The texts are every 35th record of the training split and of the
probe rounds (records without a text are skipped), in file order, then the edge cases in EDGE_CASES:
accents, curly quotes and dashes, emoji, CJK, control and format characters, whitespace of every
kind, added tokens written in the text, a word over 100 characters, texts of more than 256 pieces.
The output is ASCII (json.dumps escapes the rest) and the same on every run.
"""
import json
import sys
from pathlib import Path

from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ['corpus/classification/train.jsonl'] + [f'corpus/probe/{p}.jsonl' for p in
                                                   ('round2', 'round3', 'round4', 'round5', 'blind', 'dev')]
EVERY = 35

EDGE_CASES = [
    '',
    ' \t\n ',
    'hi',
    'café Zoë',
    'Café opening hours? Zoë asked — twice!',
    'naïve façade résumé coöperate Ångström',
    'e\u0301 and \u0301leading combining mark',
    'İstanbul ıiI STRASSE straße ẞ ΣΑΣ σας',
    '\u201cHello,\u201d she said \u2014 it\u2019s \u2018fine\u2019\u2026',
    '£50 or £1,234.56 \u2013 not €40, ¥3 or $7',
    'Thanks 👋😀🥰 👍🏽 👨\u200d👩\u200d👧 🫠',
    '我住在伍斯特郡。谢谢！',
    '日本語のテキスト、カタカナ',
    '한국어 텍스트',
    '\uf900\ufa0a compatibility ideographs \U0002b820\U0002b920',
    'a\tb\nc\r\nd\x0be\x0cf\x1cg\x85h',
    'a\u00a0b\u2028c\u3000d\u1680e\u2009f\u200bg\u180eh',
    'a\x00b\x07c\u200bd\ufeffe\ufffdf\u00adg\u2060h\ue000i\U000e0001j',
    'x\u0378y unassigned, x\ufdd0y noncharacter',
    '[CLS] hello [SEP] there [MASK] [PAD] [UNK]',
    'foo[CLS]bar [unk] [SEP [ SEP ]',
    'U.S.A. e-mail don\'t 3.14 #hashtag @user http://example.com/a?q=1&r=2 <b>~|^`</b>',
    'ﬁnance ½ x² № ＡＢＣ１２３ 𝐀𝐁𝐂',
    'हिन्दी ภาษาไทย العربية עברית',
    'z̸̢a̴l̷g̶o t̵e̸x̷t̴',
    'x\u2e42y x\u2e43y x\ua8fcy x\u08e2y a\u08e3b a\u08d3b',
    'x\u166dy x\U000111c9y a\u1734b a\u1885b a\ua9bdb',
    'supercalifragilisticexpialidocious antidisestablishmentarianism',
    'b' * 100,
    'b' * 101,
    'a' * 150,
    'a' * 150 + ' pothole',
    'pothole ' * 300,
    'antidisestablishmentarianism ' * 60,
    'my nan fell over on the pavement outside the post office ' * 30,
    '£' * 300,
]


def main():
    tokenizer_json, out = sys.argv[1:3]
    tokenizer = Tokenizer.from_file(tokenizer_json)
    tokenizer.enable_truncation(256)
    tokenizer.no_padding()
    texts = []
    for source in SOURCES:
        records = [json.loads(line) for line in open(ROOT / source, encoding='utf-8') if line.strip()]
        texts += [r['text'] for r in records if 'text' in r][::EVERY]
    texts += EDGE_CASES
    with open(out, 'w', encoding='ascii') as f:
        for text in texts:
            f.write(json.dumps({'text': text, 'ids': tokenizer.encode(text).ids}) + '\n')


if __name__ == '__main__':
    main()
