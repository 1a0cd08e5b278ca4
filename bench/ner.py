"""Entity recognition against two public Chinese NER benchmarks: exact-span P/R/F1 per label.

    python bench/ner.py [--shared DIR] [--cluener-limit N | --all] [--throughput]

* People's Daily (``peoples-daily/dev.bio``): PER / LOC / ORG, all 2,318 sentences, scored the way
  the benchmark tags: flat (no place inside an organisation's name), a place's government, army or
  police (中国政府, 美军) as the place alone, a region without its word 地区 (东北地区 as 东北), a
  person named by surname and honorific (胡老, 李大娘) as the surname;
* CLUENER2020 (``cluener2020/train.json``): name → PER, organization + government + company →
  ORG, address → LOC, and position scored against the title lexicon; the first 2,000
  sentences unless ``--all``.

Each sentence is wrapped as a one-paragraph :class:`~kg.document.Document` and run through
:func:`kg.extract.ner.find_entities`; every mention of a Person, Organization or Place entity
is a predicted span. Nothing here is learned from these files: they are only scored.
``--throughput`` also times the entities stage over the whole corpus (reading excluded).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.document import BlockKind, Document  # noqa: E402
from kg.extract.ner import find_entities  # noqa: E402
from kg.facts import ArticleMeta, EntityType  # noqa: E402
from kg.lang.zh.names import surnames, titles_regex  # noqa: E402
from kg.lang.zh.places import place_lexicon, short_forms  # noqa: E402

LABELS = {EntityType.PERSON: "PER", EntityType.PLACE: "LOC", EntityType.ORGANIZATION: "ORG"}
CLUE_LABELS = {"name": "PER", "organization": "ORG", "government": "ORG", "company": "ORG", "address": "LOC",
               "position": "TITLE"}

Spans = set[tuple[int, int, str]]


def read_bio(path: Path) -> list[tuple[str, Spans]]:
    sentences, chars, tags = [], [], []

    def flush() -> None:
        if chars:
            sentences.append(("".join(chars), bio_spans(tags)))
        chars.clear()
        tags.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            flush()
            continue
        chars.append(parts[0])
        tags.append(parts[1])
    flush()
    return sentences


def bio_spans(tags: list[str]) -> Spans:
    spans, start, label = set(), None, None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not (tag.startswith("I-") and tag[2:] == label):
            spans.add((start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def read_cluener(path: Path, limit: int | None) -> list[tuple[str, Spans]]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(out) >= limit:
                break
            item = json.loads(line)
            spans = set()
            for kind, mentions in item.get("label", {}).items():
                label = CLUE_LABELS.get(kind)
                if label:
                    for ranges in mentions.values():
                        spans.update((a, b + 1, label) for a, b in ranges)
            out.append((item["text"], spans))
    return out


# People's Daily marks no organisation in a place's government, armed forces or police (中国政府,
# 美军, 哥伦比亚警方): it tags the place (中国, 美) as LOC and leaves the body word untagged. The
# extractor names these bodies as organisations of their own (the gold annotations want 中国政府),
# so such a mention is scored the benchmark's way: the place before the body word, as LOC.
_STATE_BODY = re.compile(r"(.+?)(?:政府|军队|军方|警方|部队|军)")
# A person named by surname and an honorific or kin word (胡老, 李大娘, 王老师, 王某, 老于) is tagged
# on the surname alone; the extractor takes the whole form as the person's mention.
_HONORIFIC = re.compile(r"(.{1,2}?)(?:老|大娘|大爷|大妈|大伯|大叔|大姐|老师|先生|女士|小姐|师傅|阿姨|同志|老汉|奶奶|爷爷|某)|老(.)")
# It also leaves the generic word 地区 out of a region's name (东北地区, 亚太地区 are tagged 东北, 亚太),
# where the extractor takes the lexicon's longer form.
_REGION_WORD = re.compile(r"(.+?)地区")


def _as_benchmark(text: str, spans: Spans) -> Spans:
    """Our mentions as the benchmark marks them: flat (a place inside an organisation's name, as in
    美国国防部 or 佳木斯市医院, is not tagged on its own), a place's government or army as the
    place, a region without the word 地区, a person named with an honorific (胡老) by the surname."""
    out = {s for s in spans if not any(o[0] <= s[0] and s[1] <= o[1] and o[:2] != s[:2] for o in spans)}
    spans = set(out)
    for start, end, label in spans:
        m = _HONORIFIC.fullmatch(text, start, end)
        if label == "PER" and m is not None and (m.group(1) or m.group(2)) in surnames():
            group = 1 if m.group(1) else 2
            out.discard((start, end, label))
            out.add((m.start(group), m.end(group), "PER"))
            continue
        m = _REGION_WORD.fullmatch(text, start, end)
        if label == "LOC" and m is not None and m.group(1) in place_lexicon():
            out.discard((start, end, label))
            out.add((start, m.end(1), "LOC"))
            continue
        m = _STATE_BODY.fullmatch(text, start, end)
        if label != "ORG" or m is None:
            continue
        place = m.group(1)
        if (start, m.end(1), "LOC") in spans or place in place_lexicon() or place in short_forms():
            out.discard((start, end, label))
            out.add((start, m.end(1), "LOC"))
    return out


def predict(text: str, with_titles: bool = False, convention: bool = False) -> Spans:
    doc = Document.from_blocks("bench.txt", [(BlockKind.PARAGRAPH, text)], ArticleMeta(title=""), reader="text")
    spans = {(m.start, m.end, LABELS[e.type]) for e in find_entities(doc) for m in e.mentions}
    if convention:
        spans = _as_benchmark(text, spans)
    if with_titles:
        spans |= {(m.start(), m.end(), "TITLE") for m in titles_regex().finditer(text)}
    return spans


def score(data: list[tuple[str, Spans]], labels: list[str], with_titles: bool = False,
          convention: bool = False) -> tuple[dict, float]:
    counts = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    started = time.perf_counter()
    for text, gold in data:
        pred = predict(text, with_titles, convention)
        for label in labels:
            g = {s for s in gold if s[2] == label}
            p = {s for s in pred if s[2] == label}
            counts[label][0] += len(g & p)
            counts[label][1] += len(p - g)
            counts[label][2] += len(g - p)
    return counts, time.perf_counter() - started


def report(name: str, counts: dict, labels: list[str], seconds: float, sentences: int, micro: list[str]) -> None:
    print(f"{name}: {sentences} sentences, {seconds:.1f}s")
    print(f"  {'label':8} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    total = [0, 0, 0]
    for label in labels:
        tp, fp, fn = counts[label]
        if label in micro:
            total = [a + b for a, b in zip(total, (tp, fp, fn))]
        print("  " + row(label, tp, fp, fn))
    print("  " + row("micro", *total) + f"   (over {', '.join(micro)})")


def row(label: str, tp: int, fp: int, fn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{label:8} {p:6.3f} {r:6.3f} {f:6.3f} {tp:6d} {fp:6d} {fn:6d}"


def throughput(corpus: Path) -> None:
    from kg.readers import iter_input_files, read_path

    docs = [read_path(path) for path in iter_input_files([corpus])]
    find_entities(docs[0])  # load the lexicons and the model first
    started = time.process_time()
    found = sum(len(find_entities(doc)) for doc in docs)
    seconds = time.process_time() - started
    print(f"entities stage: {len(docs)} articles, {found} entities, {seconds:.1f}s CPU, "
          f"{len(docs) / seconds:.1f} articles/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--cluener-limit", type=int, default=2000, help="CLUENER sentences to score (default 2000)")
    parser.add_argument("--all", action="store_true", help="score every CLUENER sentence")
    parser.add_argument("--throughput", action="store_true", help="also time the stage over the whole corpus")
    args = parser.parse_args(argv)
    bench = args.shared / "benchmarks"
    pd = read_bio(bench / "peoples-daily" / "dev.bio")
    counts, seconds = score(pd, ["PER", "LOC", "ORG"], convention=True)
    report("People's Daily dev", counts, ["PER", "LOC", "ORG"], seconds, len(pd), ["PER", "LOC", "ORG"])
    counts, seconds = score(pd, ["PER", "LOC", "ORG"], convention=False)
    report("People's Daily dev, our mentions as they are (nested, 中国政府 as one organisation)", counts,
           ["PER", "LOC", "ORG"], seconds, len(pd), ["PER", "LOC", "ORG"])
    clue = read_cluener(bench / "cluener2020" / "train.json", None if args.all else args.cluener_limit)
    labels = ["PER", "ORG", "LOC", "TITLE"]
    counts, seconds = score(clue, labels, with_titles=True)
    report("CLUENER2020 train" + ("" if args.all else f" (first {args.cluener_limit})"), counts, labels, seconds,
           len(clue), ["PER", "ORG", "LOC"])
    print("  (PER = name; ORG = organization + government + company; LOC = address; TITLE = position,"
          " scored against the title lexicon)")
    if args.throughput:
        throughput(args.shared / "corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
