#!/usr/bin/env python3
"""Makes benchmark corpora of real news text, outside git.

    bench/make-corpus.py SHARED_DIR OUT_DIR [SIZE_MB ...]   (default: 1 10 100)
    bench/make-corpus.py --grow [--seed N] [--zhkg BIN] SHARED_DIR OUT_DIR [SIZE_MB ...]

Sources (read-only, never copied into the repository): the articles of
SHARED_DIR/corpus/*.txt, the texts of SHARED_DIR/eval/*.gold.jsonl, and the
sentences of SHARED_DIR/corpus/pd.dev.bio grouped 25 to a document.

Repeated corpus (default): the pool is repeated until each corpus reaches its
size in UTF-8 bytes of text; every document gets a distinct id (`b0000001`,
…), so a build stores every copy as its own document, but the entity set
stays the pool's whatever the size. Writes OUT_DIR/corpus-<N>MB.jsonl.

Growing corpus (`--grow`): the same pool, cycled the same way, but every
document is a variant, so distinct persons, organizations and events grow
with the size as in an archive. Writes OUT_DIR/corpus-grow-<N>MB.jsonl (ids
`g0000001`, …). The pool is extracted once (`zhkg extract --format jsonl`,
BIN defaults to target/release/zhkg); then each document, in order, draws
from one `random.Random(seed)` (seed 14 unless --seed), reseeded for each
size, so a smaller corpus is the start of a larger one and the output is a
deterministic function of the pool, the seed, the lexicon files and the
extraction of the zhkg used (a change to the extractor can change it):
  - persons: every `Person` the extraction found in the source document
    that starts with a surname of data/lexicon/surnames.txt gets a new name:
    a surname from that list (the first 100, most common, drawn 9 times in
    10) and one or two given-name characters drawn from those of the pool's
    own person names. Every mention of a name gets the same new name within
    the document (longest names are replaced first, in one pass);
  - places in organization names: every prefecture- or county-level name of
    data/lexicon/divisions.tsv that starts an `Organization` found in the
    document (宁波市委 → 宁波市) becomes another division of the same level,
    everywhere in the document, its short form too (宁波 → 温州 when the
    name is 宁波市 → 温州市). Province-level names (浙江省委) stay;
  - dates: each distinct `M月D日` of the document becomes another month and
    day (the same one at each mention), and the document gets a metadata
    `date` YYYY-MM-DD with a year from 2000 to 2025;
  - ordinals of sessions: each distinct `第N届` / `第N次` (Chinese or Arabic
    numerals) becomes another from 1 to 30, so an event named by its
    session (政协第十二届山西省委员会第四次会议) is not one node gathering the
    varied attendees of every copy of its article.
"""
import glob
import json
import os
import random
import re
import subprocess
import sys

LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon")
DATE = re.compile(r"(?<![0-9０-９])([0-9]{1,2})月([0-9]{1,2})日")
ORDINAL = re.compile(r"第([一二三四五六七八九十]{1,3}|[0-9]{1,2})(届|次)")
DIGITS = "一二三四五六七八九"


def chinese(n):
    """1..99 in Chinese numerals: 12 → 十二, 20 → 二十."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else DIGITS[tens - 1] + "十")) + (
        DIGITS[ones - 1] if ones else "")


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


def lexicon_lines(name):
    with open(os.path.join(LEXICON, name), encoding="utf-8") as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


def short(name):
    """宁波市 → 宁波: the name without its level suffix, if two characters remain."""
    for suffix in ("自治县", "自治州", "市", "县", "区", "盟", "旗", "州"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


class Grower:
    def __init__(self, texts, zhkg, seed):
        self.surnames = [s.split()[0] for s in lexicon_lines("surnames.txt")]
        surname_set = set(self.surnames)
        self.levels = {"prefecture": [], "county": []}
        self.level_of = {}
        for line in lexicon_lines("divisions.tsv"):
            name, level = line.split("\t")[:2]
            if level in self.levels:
                self.levels[level].append(name)
                self.level_of.setdefault(name, level)
        # Short forms shared by two divisions (or equal to a province's) are ambiguous: not replaced.
        counts = {}
        for name in self.level_of:
            s = short(name)
            if s:
                counts[s] = counts.get(s, 0) + 1
        self.unique_short = {s for s, c in counts.items() if c == 1}
        self.leaders = set(lexicon_lines("national_leaders.txt"))
        self.persons, self.places = self.extract(texts, zhkg, surname_set)
        given = set()
        for names in self.persons:
            for _, given_part in names:
                given.update(given_part)
        self.given = sorted(given)
        self.random = random.Random(seed)

    def extract(self, texts, zhkg, surname_set):
        lines = "".join(json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) + "\n"
                        for i, t in enumerate(texts))
        done = subprocess.run([zhkg, "extract", "-q", "--format", "jsonl", "-"], input=lines,
                              capture_output=True, text=True, check=True)
        persons = [[] for _ in texts]
        places = [set() for _ in texts]
        for line in done.stdout.splitlines():
            doc = json.loads(line)
            i = int(doc["id"][1:])
            for e in doc["entities"]:
                name = e["name"]
                if e["type"] == "Person" and 2 <= len(name) <= 4 and name not in self.leaders:
                    surname = next((name[:k] for k in (2, 1) if name[:k] in surname_set), None)
                    if surname and len(name) > len(surname):
                        persons[i].append((name, name[len(surname):]))
                elif e["type"] == "Organization":
                    for k in range(len(name) - 1, 1, -1):
                        if name[:k] in self.level_of:
                            places[i].add(name[:k])
                            break
        return persons, [sorted(p) for p in places]

    def person_name(self):
        r = self.random
        surname = r.choice(self.surnames[:100] if r.random() < 0.9 else self.surnames)
        return surname + "".join(r.choice(self.given) for _ in range(r.choice((1, 2, 2))))

    def vary(self, i, text):
        r = self.random
        mapping = {}
        for name, _ in self.persons[i]:
            mapping.setdefault(name, self.person_name())
        for place in self.places[i]:
            new = r.choice(self.levels[self.level_of[place]])
            mapping[place] = new
            old_short, new_short = short(place), short(new)
            if old_short in self.unique_short and new_short and old_short not in mapping:
                mapping[old_short] = new_short
        if mapping:
            pattern = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
            text = pattern.sub(lambda m: mapping[m.group(0)], text)
        days = {}

        def day(m):
            key = m.group(0)
            if key not in days:
                days[key] = f"{r.randint(1, 12)}月{r.randint(1, 28)}日"
            return days[key]

        text = DATE.sub(day, text)
        ordinals = {}

        def ordinal(m):
            key = m.group(0)
            if key not in ordinals:
                n = r.randint(1, 30)
                ordinals[key] = f"第{n if m.group(1).isdigit() else chinese(n)}{m.group(2)}"
            return ordinals[key]

        text = ORDINAL.sub(ordinal, text)
        date = f"{r.randint(2000, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        return text, date


def main(argv):
    grow, seed, zhkg = False, 14, "target/release/zhkg"
    while argv and argv[0].startswith("--"):
        flag = argv.pop(0)
        if flag == "--grow":
            grow = True
        elif flag == "--seed" and argv:
            seed = int(argv.pop(0))
        elif flag == "--zhkg" and argv:
            zhkg = argv.pop(0)
        else:
            sys.exit(f"unknown option {flag}\n\n{__doc__.strip()}")
    if len(argv) < 2:
        sys.exit(__doc__.strip())
    shared, out = argv[0], argv[1]
    sizes = [int(s) for s in argv[2:]] or [1, 10, 100]
    texts = pool(shared)
    os.makedirs(out, exist_ok=True)
    for mb in sizes:
        target = mb * 1_000_000
        n = size = 0
        if grow:
            grower = Grower(texts, zhkg, seed) if mb == sizes[0] else grower
            grower.random.seed(seed)
            path = os.path.join(out, f"corpus-grow-{mb}MB.jsonl")
        else:
            path = os.path.join(out, f"corpus-{mb}MB.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            while size < target:
                i = n % len(texts)
                text = texts[i]
                n += 1
                if grow:
                    text, date = grower.vary(i, text)
                    record = {"id": f"g{n:07d}", "text": text, "date": date}
                else:
                    record = {"id": f"b{n:07d}", "text": text}
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
                size += len(text.encode("utf-8"))
        print(f"{path}: {n} documents, {size} bytes of text")


if __name__ == "__main__":
    main(sys.argv[1:])
