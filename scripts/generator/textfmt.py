"""Vectorised conversion of numeric columns to the raw text formats of the contract.

Everything raw is a string. Building tens of millions of strings in Python would dominate
the run time, so ids, timestamps and money are formatted with numpy / Arrow kernels.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

NULL_STRING = pa.scalar(None, pa.string())


def _masked(values: pa.Array, valid: np.ndarray | None) -> pa.Array:
    if valid is None or bool(np.all(valid)):
        return values
    return pc.if_else(pa.array(valid), values, NULL_STRING)


def fixed_ids(prefix: str, numbers: np.ndarray, width: int, valid: np.ndarray | None = None) -> pa.Array:
    """`prefix` + zero-padded `numbers` (fixed width, so string order = numeric order)."""
    numbers = np.asarray(numbers, dtype=np.int64)
    head = prefix.encode()
    row = len(head) + width
    matrix = np.empty((len(numbers), row), dtype=np.uint8)
    matrix[:, : len(head)] = np.frombuffer(head, dtype=np.uint8)
    rest = np.where(numbers < 0, 0, numbers)
    for column in range(row - 1, len(head) - 1, -1):  # digits right to left
        matrix[:, column] = 48 + rest % 10
        rest //= 10
    offsets = np.arange(len(numbers) + 1, dtype=np.int32) * row
    array = pa.StringArray.from_buffers(len(numbers), pa.py_buffer(offsets), pa.py_buffer(matrix))
    return _masked(array, valid)


def timestamps(seconds: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Local seconds → `YYYY-MM-DD HH:MM:SS`."""
    array = pa.array(np.asarray(seconds, dtype=np.int64), type=pa.timestamp("s")).cast(pa.string())
    return _masked(array, valid)


def dates(seconds_or_days: np.ndarray, unit: str = "s") -> pa.Array:
    """Local seconds (unit 's') or days since 1970-01-01 (unit 'D') → `YYYY-MM-DD`."""
    days = np.asarray(seconds_or_days, dtype=np.int64)
    if unit == "s":
        days = days // 86_400
    return pa.array(days.astype(np.int32), type=pa.date32()).cast(pa.string())


def money(cents: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Non-negative integer cents → `123.40`."""
    cents = pa.array(np.asarray(cents, dtype=np.int64))
    units = pc.cast(pc.divide(cents, 100), pa.string())
    fraction = pc.utf8_lpad(
        pc.cast(pc.subtract(cents, pc.multiply(pc.divide(cents, 100), 100)), pa.string()), 2, "0"
    )
    return _masked(pc.binary_join_element_wise(units, fraction, "."), valid)


def integers(values: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    return _masked(pa.array(np.asarray(values, dtype=np.int64)).cast(pa.string()), valid)


def codes(dictionary: Sequence[str | None], index: np.ndarray) -> pa.Array:
    """Look up `dictionary[index]`; an index of −1 (or a None entry) gives null."""
    values = list(dictionary) + [None]
    index = np.where(np.asarray(index) < 0, len(values) - 1, index)
    return pc.take(pa.array(values, type=pa.string()), pa.array(index.astype(np.int32)))


def booleans(values: np.ndarray) -> pa.Array:
    return codes(["false", "true"], np.asarray(values, dtype=np.int8))


def join(*parts: pa.Array | str) -> pa.Array:
    """Concatenate string columns element-wise (nulls count as empty strings)."""
    return pc.binary_join_element_wise(*parts, "", null_handling="replace", null_replacement="")
