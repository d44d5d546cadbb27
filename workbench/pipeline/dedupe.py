"""Exact and near-duplicate articles (syndicated copies), by resemblance of word shingles.

Resemblance is the Jaccard similarity of the sets of 5-word shingles of two texts (Broder, 1997). It is
estimated for all pairs at once with MinHash signatures and locality-sensitive hashing (64 hash functions
in 16 bands of 4 rows), then confirmed exactly for every candidate pair, so the result does not depend on
the estimate. A later article whose resemblance to an earlier one is at least ``threshold`` (0.9) points at
the earliest such article in ``duplicate_of``; nothing is dropped.
"""

from __future__ import annotations

import re
from itertools import chain

import numpy as np

SHINGLE = 5
N_HASHES = 64
BANDS = 16
_WORD = re.compile(r"\w+")
#: ``_WORD`` for a lower-cased ASCII text, where ``\w`` is these characters: a fifth faster.
_ASCII_WORD = re.compile(r"[a-z0-9_]+", re.ASCII)
_rng = np.random.default_rng(20251105)
# Each hash function is x -> (x XOR b) * a mod 2**64 with a odd: a permutation of the 64-bit values.
_A = _rng.integers(1, 1 << 62, size=N_HASHES, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _rng.integers(0, 1 << 63, size=N_HASHES, dtype=np.uint64)
_EMPTY = np.zeros(0, dtype=np.uint64)


def shingles(text: str, k: int = SHINGLE) -> np.ndarray:
    """The distinct hashed k-word shingles of ``text`` (lower-cased words), as uint64.

    Word hashes use Python's ``hash``, which is salted per process: shingle values are comparable within
    one run (all that deduplication needs) and the exact check below makes the result independent of them.
    """
    return np.unique(all_shingles([text], k)[0])


def all_shingles(texts: list[str], k: int = SHINGLE, *, stable: bool = False) -> list[np.ndarray]:
    """Hashed k-word shingles of many texts, vectorised over the corpus (repeats kept: MinHash ignores them).

    Texts shorter than ``k`` words give one shingle of all their words. Words are hashed with Python's
    ``hash`` (salted per process), or with ``stable=True`` by pandas' fixed-key SipHash, so that shingles
    computed in different processes (Dask workers) can be compared.

    >>> a = all_shingles(["Talks in Doha ended on Sunday."], stable=True)[0]
    >>> b = all_shingles(["talks in doha ended on sunday"], stable=True)[0]
    >>> a.tolist() == b.tolist() and len(a) == 2
    True
    """
    import pandas as pd

    words_per_text = [(_ASCII_WORD if t.isascii() else _WORD).findall(t.lower()) for t in texts]
    lengths = np.fromiter((len(w) for w in words_per_text), dtype=np.int64, count=len(texts))
    n = int(lengths.sum())
    words = chain.from_iterable(words_per_text)
    if not stable:
        h = np.fromiter(map(hash, words), dtype=np.int64, count=n).view(np.uint64)
    elif n:
        h = pd.util.hash_array(np.array(list(words), dtype=object), categorize=False).astype(np.uint64)
    else:
        h = np.zeros(0, dtype=np.uint64)
    starts = np.cumsum(lengths) - lengths
    # Shingle at word i combines words i..i+k-1; it is kept when all of them belong to the same text.
    acc = h.copy()
    with np.errstate(over="ignore"):
        for j in range(1, min(k, n)):
            acc[: n - j] = acc[: n - j] * np.uint64(1099511628211) + h[j:]
    counts = np.where(lengths >= k, lengths - k + 1, np.minimum(lengths, 1))
    out = []
    for first, length, count in zip(starts.tolist(), lengths.tolist(), counts.tolist(), strict=True):
        if length >= k:
            out.append(acc[first : first + count])
        elif length:
            short = h[first]
            with np.errstate(over="ignore"):
                for j in range(1, length):
                    short = short * np.uint64(1099511628211) + h[first + j]
            out.append(np.array([short], dtype=np.uint64))
        else:
            out.append(_EMPTY)
    return out


def signatures(sets: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures of many shingle sets at once: an array of shape (len(sets), N_HASHES)."""
    sizes = np.array([s.size for s in sets], dtype=np.int64)
    out = np.full((len(sets), N_HASHES), np.iinfo(np.uint64).max, dtype=np.uint64)
    nonempty = np.flatnonzero(sizes)
    if nonempty.size == 0:
        return out
    flat = np.concatenate([sets[i] for i in nonempty])
    starts = np.concatenate([[0], np.cumsum(sizes[nonempty])[:-1]])
    with np.errstate(over="ignore"):
        for j in range(N_HASHES):
            out[nonempty, j] = np.minimum.reduceat((flat ^ _B[j]) * _A[j], starts)
    return out


def band_keys(sets: list[np.ndarray]) -> np.ndarray:
    """One 64-bit LSH key per set and band (shape ``(len(sets), BANDS)``), from the MinHash signatures:
    two sets sharing a key in any band are candidate duplicates. Empty sets get keys too; callers leave
    them out."""
    sigs = signatures(sets)
    rows = N_HASHES // BANDS
    keys = np.zeros((len(sets), BANDS), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(BANDS):
            block = sigs[:, band * rows : (band + 1) * rows]
            for col in range(rows):
                keys[:, band] = (keys[:, band] ^ block[:, col]) * np.uint64(0x9E3779B97F4A7C15)
    return keys


def candidate_components(keys: np.ndarray, nonempty: np.ndarray) -> np.ndarray:
    """Connected components of the candidate graph (sets sharing a band key), as one label per set; a set
    with no candidate (or empty) is alone in its component. ``find_duplicates`` run on the members of a
    union of components gives them the same result as on the whole collection, because every candidate
    of a member, and every candidate of those, is in its component.

    >>> keys = np.array([[1, 2], [1, 3], [4, 3], [5, 6]], dtype=np.uint64)
    >>> candidate_components(keys, np.array([True, True, True, True])).tolist()
    [0, 0, 0, 1]
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(keys)
    idx = np.flatnonzero(nonempty)
    heads, tails = [], []
    for band in range(keys.shape[1] if n else 0):
        k = keys[idx, band]
        order = np.argsort(k, kind="stable")
        sk = k[order]
        first = np.concatenate([[True], sk[1:] != sk[:-1]]) if len(sk) else np.zeros(0, dtype=bool)
        group_start = np.maximum.accumulate(np.where(first, np.arange(len(sk)), 0)) if len(sk) else first
        link = ~first  # each member is linked to the first member of its group
        heads.append(idx[order[link]])
        tails.append(idx[order[group_start[link]]])
    a = np.concatenate(heads) if heads else np.zeros(0, dtype=np.int64)
    b = np.concatenate(tails) if tails else np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(a), dtype=np.int32), (a, b)), shape=(n, n))
    return connected_components(graph, directed=False)[1]


def resemblance(a: np.ndarray, b: np.ndarray, *, unique: bool = False) -> float:
    """Exact Jaccard resemblance of two shingle sets (``unique=True``: both are already sorted and unique)."""
    if not unique:
        a, b = np.unique(a), np.unique(b)
    if a.size == 0 and b.size == 0:
        return 1.0
    inter = np.intersect1d(a, b, assume_unique=True).size
    return inter / (a.size + b.size - inter)


def find_duplicates(
    texts: list[str],
    *,
    threshold: float = 0.9,
    sets: list[np.ndarray] | None = None,
    keys: np.ndarray | None = None,
) -> dict[int, tuple[int, float]]:
    """Map each later duplicate's index to ``(index of the first copy, resemblance)``.

    ``sets`` may give the texts' ``all_shingles`` computed elsewhere in this process or in a forked worker
    (which shares the process's string-hash salt), and ``keys`` their ``band_keys`` (one row per set,
    computed set by set, so rows made in the workers that read the files are the same).

    >>> base = "Pakistan and Afghanistan agreed to a ceasefire in Doha after talks mediated by Qatar and Turkiye."
    >>> find_duplicates([base, "Unrelated story about wheat prices in Kansas this week.", base + " Updated."])
    {2: (0, 0.9...)}
    """
    if sets is None:
        sets = all_shingles(texts)
    if keys is None:
        keys = band_keys(sets)
    idx = np.flatnonzero([s.size > 0 for s in sets])
    # Per band, the non-empty sets ordered by key (ascending index within a key): the candidates of a set
    # are the earlier members of its group in any band.
    orders, group_starts, position = [], [], np.zeros((len(sets), BANDS), dtype=np.int64)
    shared_any = np.zeros(len(sets), dtype=bool)
    for band in range(BANDS):
        order = idx[np.argsort(keys[idx, band], kind="stable")]
        k = keys[order, band]
        first = np.concatenate([[True], k[1:] != k[:-1]]) if len(k) else np.zeros(0, dtype=bool)
        start = np.maximum.accumulate(np.where(first, np.arange(len(k)), 0)) if len(k) else np.zeros(0, np.int64)
        orders.append(order)
        group_starts.append(start)
        position[order, band] = np.arange(len(order))
        shared_any[order[~first]] = True  # has an earlier member in this band
    uniques: dict[int, np.ndarray] = {}

    def unique(k: int) -> np.ndarray:
        if k not in uniques:
            uniques[k] = np.unique(sets[k])
        return uniques[k]

    # Each later set's first copy is the earliest *root* (first copy of a candidate, or the candidate) among
    # candidates whose resemblance reaches the threshold. Candidates are tried by root, then index, so the
    # first that reaches it decides, and pairs that could only give a later root are never compared.
    roots = np.arange(len(sets))
    out: dict[int, tuple[int, float]] = {}
    for i in np.flatnonzero(shared_any).tolist():
        pieces = []
        for band in range(BANDS):
            pos = position[i, band]
            lo = group_starts[band][pos]
            if lo < pos:
                pieces.append(orders[band][lo:pos])
        cand = np.unique(np.concatenate(pieces))
        a = unique(i)
        for j in cand[np.lexsort((cand, roots[cand]))].tolist():
            b = unique(j)
            if min(a.size, b.size) < threshold * max(a.size, b.size):
                continue  # sizes alone rule out the threshold
            r = resemblance(a, b, unique=True)
            if r >= threshold:
                out[i] = (int(roots[j]), r)
                roots[i] = roots[j]
                break
    return out
