"""String measures written over numpy arrays, for the fields compared tens of millions of times.

rapidfuzz computes one Jaro-Winkler or edit distance in tens of nanoseconds, but handing it
each pair's two Python strings costs about a microsecond (measured: 1.1 s per million pairs of
seven-digit numbers, with one or two workers alike), which at twenty million candidate pairs
and seven fields is two minutes. So the fields where a coarse answer is all the model uses get
measures computed on whole arrays at once, from a matrix of character codes built once per
distinct value:

- **within one edit** (a substitution, an insertion or deletion, or two neighbours swapped):
  the "one typo" level of dates, postcodes, document and phone numbers;
- **bigram Dice**, 2|A∩B| / (|A| + |B|) over the sets of character bigrams, each value's set
  hashed into 128 bits so that a pair costs a few AND and popcount instructions: the
  similarity levels of addresses and cities (the Bloom-filter encoding of privacy-preserving
  record linkage, here for speed rather than privacy; collisions can only raise a score a
  little).

Names keep rapidfuzz's Jaro-Winkler (compare.py): there it matters, and there are fewer
distinct pairs of names than of addresses.
"""

from __future__ import annotations

import numpy as np

WIDTH = 24  # characters kept for edit checks; longer values are compared on their start
BITS_WORDS = 2  # 128-bit bigram sets


def char_matrix(values: np.ndarray, width: int = WIDTH) -> tuple[np.ndarray, np.ndarray]:
    """Code points of each value, zero-padded to the longest value (at most `width`), and
    each value's length; one byte per character when all are ASCII."""
    n = len(values)
    if n == 0:
        return np.zeros((0, 1), dtype=np.uint8), np.zeros(0, dtype=np.int16)
    text = [str(v)[:width] for v in values]
    lengths = np.array([len(t) for t in text], dtype=np.int16)
    width = max(1, int(lengths.max()))
    joined = "".join(t.ljust(width, "\0") for t in text)
    if joined.isascii():
        matrix = np.frombuffer(joined.encode("ascii"), dtype=np.uint8)
    else:
        matrix = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    return matrix.reshape(n, width).copy(), lengths


_LOW7 = np.uint64(0x7F7F7F7F7F7F7F7F)


def packed(matrix: np.ndarray) -> np.ndarray | None:
    """Values of at most eight ASCII characters as one uint64 each (None otherwise)."""
    if matrix.dtype != np.uint8 or matrix.shape[1] > 8:
        return None
    wide = np.zeros((len(matrix), 8), dtype=np.uint8)
    wide[:, : matrix.shape[1]] = matrix
    return wide.view(np.uint64).reshape(-1)


def differing_bytes(x: np.ndarray) -> np.ndarray:
    """How many of the eight bytes of each uint64 are non-zero."""
    high = ((x & _LOW7) + _LOW7) | x
    return np.bitwise_count(high & ~_LOW7)


def within_one_edit(matrix: np.ndarray, lengths: np.ndarray, a: np.ndarray, b: np.ndarray,
                    words: np.ndarray | None = None) -> np.ndarray:
    """For value pairs (a[i], b[i]) of one column: are they at most one edit apart (OSA)?

    `words` (from `packed`) gives short values as integers: then most pairs, of equal length,
    are settled by one XOR and a byte count, and only the rest take the general path."""
    la, lb = lengths[a].astype(np.int32), lengths[b].astype(np.int32)
    out = np.zeros(len(a), dtype=bool)
    same_len = la == lb
    if words is not None and same_len.any():
        idx = np.flatnonzero(same_len)
        count = differing_bytes(words[a[idx]] ^ words[b[idx]])
        out[idx[count <= 1]] = True
        same_len = np.zeros(len(a), dtype=bool)
        same_len[idx[count == 2]] = True  # a swap of neighbours is possible: general path
    if same_len.any():
        ia, ib = a[same_len], b[same_len]
        diff = matrix[ia] != matrix[ib]
        count = diff.sum(axis=1)
        ok = count <= 1
        two = count == 2
        if two.any():
            d2 = diff[two]
            x, y = matrix[ia[two]], matrix[ib[two]]
            swapped = d2[:, :-1] & d2[:, 1:] & (x[:, :-1] == y[:, 1:]) & (x[:, 1:] == y[:, :-1])
            ok[np.flatnonzero(two)] = swapped.any(axis=1)
        out[same_len] = ok
    one_off = np.abs(la - lb) == 1
    if one_off.any():
        ia, ib = a[one_off], b[one_off]
        shorter_is_a = la[one_off] < lb[one_off]
        s_idx = np.where(shorter_is_a, ia, ib)
        t_idx = np.where(shorter_is_a, ib, ia)
        s, t = matrix[s_idx], matrix[t_idx]
        ls = lengths[s_idx].astype(np.int32)
        width = matrix.shape[1]
        pos = np.arange(width)[None, :]
        inside = pos < ls[:, None]
        direct = (s == t) | ~inside
        shifted = np.ones_like(direct)
        shifted[:, :-1] = (s[:, :-1] == t[:, 1:]) | ~inside[:, :-1]
        # deleting t[i] gives s: s[:i] == t[:i] and s[i:] == t[i+1:]
        prefix = np.ones((len(s), width + 1), dtype=bool)
        prefix[:, 1:] = np.logical_and.accumulate(direct, axis=1)
        suffix = np.ones((len(s), width + 1), dtype=bool)
        suffix[:, :-1] = np.logical_and.accumulate(shifted[:, ::-1], axis=1)[:, ::-1]
        out[one_off] = (prefix & suffix).any(axis=1)
    return out


def bigram_bits(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each value's set of character bigrams hashed into 128 bits, and the set's size."""
    n = len(values)
    nbits = 64 * BITS_WORDS
    if n == 0:
        return np.zeros((0, BITS_WORDS), dtype=np.uint64), np.zeros(0, dtype=np.int32)
    matrix, lengths = char_matrix(values, 64)
    width = matrix.shape[1]
    padded = np.zeros((n, width + 2), dtype=np.uint32)
    padded[:, 1 : width + 1] = matrix  # a boundary character (0) at each end
    first = padded[:, :-1].astype(np.uint32)
    second = padded[:, 1:].astype(np.uint32)
    h = (first * np.uint32(0x9E3779B1)) ^ (second * np.uint32(0x85EBCA77) + np.uint32(0x165667B1))
    slot = (h >> np.uint32(9)) % np.uint32(nbits)
    valid = np.arange(width + 1)[None, :] <= lengths[:, None]
    rows = np.broadcast_to(np.arange(n)[:, None], slot.shape)
    hits = np.zeros((n, nbits), dtype=bool)
    hits[rows[valid], slot[valid]] = True
    bits = np.packbits(hits, axis=1).view(np.uint64).reshape(n, BITS_WORDS)
    sizes = hits.sum(axis=1).astype(np.int32)
    return np.ascontiguousarray(bits), sizes


def dice(bits: np.ndarray, sizes: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Bigram Dice similarity of value pairs (a[i], b[i])."""
    common = np.bitwise_count(bits[a] & bits[b]).sum(axis=1)
    total = sizes[a] + sizes[b]
    return np.where(total > 0, 2.0 * common / np.maximum(total, 1), 0.0).astype(np.float32)
