"""Turning a document's raw bytes into text: UTF-8 first, else a detected encoding, never guessed quietly."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

__all__ = ["Decoded", "Undecodable", "decode_document", "normalise_newlines"]

# When the detector finds several encodings equally plausible (short texts often fit cp1250 as well as cp1252),
# prefer the ones Western-language web and office text is usually saved in.
_PREFERRED = ("cp1252", "iso8859_15", "latin_1")
_TIE = 0.02  # chaos/coherence scores closer than this count as equal

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A document's text (newlines normalised to ``\\n``, no byte order mark) and the encoding it was read with.

    ``detected`` is True when the text was not UTF-8 (nor UTF-16/32 with a byte order mark) and its encoding
    had to be guessed: the caller should warn about it.
    """

    text: str
    encoding: str
    detected: bool = False


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Bytes that are not text: why (for a warning)."""

    reason: str


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line ends into ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_document(raw: bytes) -> Decoded | Undecodable:
    """Decode a text file's bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else a detected encoding.

    Bytes holding NUL characters (outside UTF-16/32), or whose encoding cannot be detected, are not text.
    """
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(normalise_newlines(raw[len(codecs.BOM_UTF8) :].decode("utf-8")), "utf-8-sig")
        except UnicodeDecodeError:
            pass  # a BOM followed by something else: let the detector decide
    for bom, name in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(normalise_newlines(raw.decode(name)), name)
            except UnicodeDecodeError:
                return Undecodable(f"it starts with a {name.upper()} byte order mark but is not {name.upper()}")
    if b"\x00" in raw:
        return Undecodable("it contains NUL bytes, so it is not a text file")
    try:
        return Decoded(normalise_newlines(raw.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(raw)


def _detect(raw: bytes) -> Decoded | Undecodable:
    import charset_normalizer  # only for files that are not UTF-8: most commands never need it

    matches = list(charset_normalizer.from_bytes(raw))
    if not matches:
        return Undecodable("its encoding could not be detected (is it a text file?)")
    best = matches[0]
    tied = [
        m
        for m in matches
        if m.chaos <= best.chaos + _TIE and m.coherence >= best.coherence - _TIE and m.encoding in _PREFERRED
    ]
    chosen = min(tied, key=lambda m: _PREFERRED.index(m.encoding)) if tied else best
    text, encoding = str(chosen), chosen.encoding
    if encoding not in _PREFERRED and _decodes_as(raw, _PREFERRED[0]) == text:
        encoding = _PREFERRED[0]  # same text either way: name the encoding the file most likely was saved in
    if text.startswith("\ufeff"):
        text = text[1:]
    return Decoded(normalise_newlines(text), encoding, detected=True)


def _decodes_as(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None
