"""Bytes to text: UTF-8 with an optional byte order mark, anything else refused (DESIGN §1)."""

from __future__ import annotations

__all__ = ["DecodeProblem", "decode"]


class DecodeProblem(ValueError):
    """Bytes that are not usable text: ``line``/``column`` of the first bad byte, 1-based."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def decode(data: bytes) -> str:
    """The text of a file's bytes. Raises :class:`DecodeProblem` saying why it is not text."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _byte_location(data, exc.start)
        raise DecodeProblem(
            line, column,
            f"the file is not UTF-8 (byte 0x{data[exc.start]:02x} cannot start or continue a "
            f"UTF-8 character){_encoding_hint(data)}; save it as UTF-8",
        ) from None
    if _looks_like_utf16(data):  # without a byte order mark, ASCII in UTF-16 decodes as UTF-8
        line, column = _byte_location(data, data.index(0))
        raise DecodeProblem(
            line, column,
            "the file is not UTF-8 (it has NUL bytes between the characters), it looks like "
            "UTF-16; save it as UTF-8",
        )
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        raise DecodeProblem(1, 0, "the file is empty; a comparison needs schema = 1, a title, "
                            "[[actors]] and [[issues]]")
    return text


def _byte_location(data: bytes, at: int) -> tuple[int, int]:
    """1-based line and column of ``data[at]``, counting characters as an editor does."""
    line_start = data.rfind(b"\n", 0, at) + 1
    before = data[line_start:at].decode("utf-8", errors="replace")
    return data.count(b"\n", 0, at) + 1, len(before) + 1


def _looks_like_utf16(data: bytes) -> bool:
    """NUL bytes in a third of the text or more: UTF-16 (or UTF-32), not a stray NUL."""
    head = data[:4096]
    return len(head) >= 2 and head.count(0) * 3 >= len(head)


def _encoding_hint(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        return ", it looks like UTF-16"
    return ""
