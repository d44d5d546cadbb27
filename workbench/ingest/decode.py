"""Bytes → text for every reader: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252 with a note."""

from __future__ import annotations

import codecs


def looks_binary(data: bytes) -> str | None:
    """A reason if ``data`` looks like a binary file (NUL bytes or many control characters), else None."""
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if head and controls / len(head) > 0.05:
        return f"binary file ({controls} control bytes in the first {len(head)}), not text"
    return None


def decode(data: bytes) -> tuple[str | None, str]:
    """Decode ``data``; returns ``(text, note)``, or ``(None, reason)`` when it is not text at all.

    >>> decode("Türkiye".encode())
    ('Türkiye', '')
    >>> decode("Türkiye".encode("cp1252"))
    ('Türkiye', 'not valid UTF-8 (byte 0xfc at offset 1); decoded as cp1252')
    >>> decode(codecs.BOM_UTF8 + "Türkiye".encode("cp1252"))[1]
    'not valid UTF-8 (byte 0xfc at offset 4); decoded as cp1252'
    """
    if not data:
        return "", ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError as exc:
            return None, f"UTF-16 byte-order mark but undecodable: {exc.reason}"
    reason = looks_binary(data)
    if reason:
        return None, reason
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        # utf-8-sig counts offsets after the byte-order mark; the note gives the file's offset.
        offset = exc.start + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
        return data.decode("cp1252", errors="replace"), not_utf8_note(data[offset], offset)


def not_utf8_note(byte: int, offset: int) -> str:
    """The note on text that is not UTF-8: its first bad ``byte`` and that byte's ``offset`` in the file.

    >>> not_utf8_note(0xFC, 1)
    'not valid UTF-8 (byte 0xfc at offset 1); decoded as cp1252'
    """
    return f"not valid UTF-8 (byte 0x{byte:02x} at offset {offset}); decoded as cp1252"
