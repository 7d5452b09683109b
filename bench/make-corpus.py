#!/usr/bin/env python3
"""Makes benchmark corpora of real news text, outside git.

    bench/make-corpus.py SHARED_DIR OUT_DIR [SIZE_MB ...]   (default: 1 10 100)

Sources (read-only, never copied into the repository): the articles of
SHARED_DIR/corpus/*.txt, the texts of SHARED_DIR/eval/*.gold.jsonl, and the
sentences of SHARED_DIR/corpus/pd.dev.bio grouped 25 to a document. The
pool is repeated until each corpus reaches its size in UTF-8 bytes of text;
every document gets a distinct id (`b0000001`, …), so a build stores every
copy as its own document. Writes OUT_DIR/corpus-<N>MB.jsonl.
"""
import glob
import json
import os
import sys


def pool(shared):
    texts = []
    for path in sorted(glob.glob(os.path.join(shared, "corpus", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    for path in sorted(glob.glob(os.path.join(shared, "eval", "*.gold.jsonl"))):
        with open(path, encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f if line.strip()]
    bio = os.path.join(shared, "corpus", "pd.dev.bio")
    if os.path.exists(bio):
        with open(bio, encoding="utf-8") as f:
            sentences = ["".join(l.split()[0] for l in block.split("\n") if len(l.split()) >= 2)
                         for block in f.read().strip().split("\n\n")]
        for i in range(0, len(sentences), 25):
            texts.append("\n".join(sentences[i:i + 25]))
    return [t for t in texts if t.strip()]


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__.strip())
    shared, out = argv[0], argv[1]
    sizes = [int(s) for s in argv[2:]] or [1, 10, 100]
    texts = pool(shared)
    os.makedirs(out, exist_ok=True)
    for mb in sizes:
        target = mb * 1_000_000
        path = os.path.join(out, f"corpus-{mb}MB.jsonl")
        n = size = 0
        with open(path, "w", encoding="utf-8") as f:
            while size < target:
                text = texts[n % len(texts)]
                n += 1
                f.write(json.dumps({"id": f"b{n:07d}", "text": text}, ensure_ascii=False) + "\n")
                size += len(text.encode("utf-8"))
        print(f"{path}: {n} documents, {size} bytes of text")


if __name__ == "__main__":
    main(sys.argv[1:])
