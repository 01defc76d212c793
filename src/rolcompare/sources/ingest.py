"""Stage 1 of the pipeline: a file → decoded text (``ingest``), whatever its format.

Reads txt/md (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK, Big5 — detected),
HTML (article body only), DOCX and PDF (text layer). Refuses, with one sentence and exit
code 2, what it cannot read: missing, empty, binary, undecodable, too large, a PDF with no
text layer. Never touches the network. Front matter is read by ``pipeline.meta``.
"""

from __future__ import annotations

import re
from pathlib import Path

from rolcompare.errors import InputError, UnsupportedFormatError
from rolcompare.schema import SourceText
from rolcompare.sources.files import DEFAULT_MAX_BYTES

TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
_CANDIDATE_ENCODINGS = ("gb18030", "big5", "utf_16")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def ingest(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Read one report file and return its text.

    Steps:
      1. check the file exists, is a regular file, is not empty and not over ``max_bytes``;
      2. sniff the format from the magic bytes and the suffix (pdf, docx, html, text);
      3. hand the bytes to that format's reader; text and HTML are decoded first.
    """
    p = Path(path)
    return ingest_bytes(_read_bytes(p, max_bytes), display_path(p), p.suffix.lower(), max_bytes=max_bytes)


def ingest_bytes(data: bytes, name: str, suffix: str = "", *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Report bytes already read (a file's, or standard input's) → text, by their format."""
    if len(data) > max_bytes:
        raise InputError(
            f"{name}: {len(data)} bytes is over the limit of {max_bytes} bytes.", path=name, parameter="max_bytes"
        )
    if not data.strip():
        raise InputError(f"{name}: the input is empty; nothing to parse.", path=name)
    fmt = sniff_format(data, suffix)
    if fmt == "pdf":
        from rolcompare.sources.formats import pdf_text

        return SourceText(pdf_text(data, name), source=name, format="pdf")
    if fmt == "docx":
        from rolcompare.sources.formats import docx_text

        return SourceText(docx_text(data, name, max_bytes), source=name, format="docx")
    text, encoding = decode(data, name, declared=_declared_charset(data) if fmt == "html" else None)
    if fmt == "html":
        from rolcompare.sources.formats import html_text

        return SourceText(html_text(text, name), source=name, format="html", encoding=encoding)
    return SourceText(text, source=name, format="text", encoding=encoding)


def display_path(p: str | Path) -> str:
    """A path as text that every output can hold: bytes of a file name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD, control characters a visible ``\\xNN``."""
    text = str(p).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" for ch in text)


def _read_bytes(p: Path, max_bytes: int) -> bytes:
    shown = display_path(p)
    try:
        exists, regular = p.exists(), p.is_file()
        size = p.stat().st_size if regular else 0
    except OSError as exc:  # a name too long for the file system, a path through a file …
        raise InputError(f"{shown}: cannot be opened ({exc.strerror}); check the path.", path=shown) from None
    if not exists:
        raise InputError(f"{shown}: no such file; check the path.", path=shown)
    if not regular:
        raise InputError(f"{shown}: not a regular file; pass a report file.", path=shown)
    if size > max_bytes:
        raise InputError(
            f"{shown}: {size} bytes is over the limit of {max_bytes} bytes.",
            path=shown,
            parameter="max_bytes",
        )
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{shown}: cannot be read ({exc.strerror}).", path=shown) from None
    if not data.strip():
        raise InputError(f"{shown}: the file is empty; nothing to parse.", path=shown)
    return data


def sniff_format(data: bytes, suffix: str = "") -> str:
    """``pdf``, ``docx``, ``html`` or ``text`` from magic bytes, then the suffix."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in {".pdf", ".docx"}:
        kind = suffix[1:].upper()
        raise UnsupportedFormatError(f"the file is named {suffix} but is not a {kind} file")
    head = data[:2048].lower()
    if suffix in HTML_SUFFIXES or re.search(rb"<!doctype html|<html[\s>]|<body[\s>]", head):
        return "html"
    if suffix in {".doc", ".xls", ".xlsx", ".ppt", ".wps", ".rtf", ".zip", ".png", ".jpg"}:
        raise UnsupportedFormatError(f"{suffix} files are not supported; save the report as txt, html, docx or pdf")
    return "text"


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def decode(data: bytes, name: str = "<bytes>", declared: str | None = None) -> tuple[str, str]:
    """Decode report bytes; returns (text, encoding).

    Steps:
      1. a BOM decides (UTF-8, UTF-16 LE/BE); a few undecodable bytes after it become U+FFFD;
      2. UTF-8, with a few undecodable bytes (a damaged download) becoming U+FFFD;
      3. NUL bytes: UTF-16 without a BOM when one byte order reads as Chinese text, else binary → error;
      4. charset-normalizer among GB18030 and Big5 (and UTF-16), then a check that the
         result is mostly CJK text → else error.
    """
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            text = data.decode(enc, "replace")  # a few bad bytes: damaged spans, warned about later
            if text.count("\ufffd") > _few_bad_bytes(len(text)):
                raise InputError(f"{name}: the {enc} byte-order mark is followed by undecodable bytes.", path=name)
            return _check_text(text, name), enc
    try:
        return _check_text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
        if text.count("\ufffd") <= _few_bad_bytes(len(text)):  # UTF-8 with a damaged byte or two
            return _check_text(text, name), "utf-8"
    if declared and declared not in ("utf-8", "utf8"):
        encoding = "gb18030" if declared in ("gb2312", "gbk", "gb18030") else declared
        try:
            return _check_text(data.decode(encoding), name), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    if b"\x00" in data:
        if (utf16 := _utf16_without_bom(data)) is not None:
            return _check_text(utf16[0], name), utf16[1]
        raise InputError(f"{name}: looks like a binary file, not a report; pass txt, html, docx or pdf.", path=name)
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_CANDIDATE_ENCODINGS)).best()
    if best is None:
        raise InputError(f"{name}: cannot decode the text as UTF-8, GB18030 or Big5; re-save it as UTF-8.", path=name)
    return _check_text(str(best), name), best.encoding


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text saved without a byte-order mark: the byte order whose text is mostly Chinese."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [ch for ch in text[:2000] if not ch.isspace()]
        han = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
        controls = sum(1 for ch in letters if ord(ch) < 32)
        if letters and han >= 0.3 * len(letters) and not controls:
            return text, encoding
    return None


def _few_bad_bytes(length: int) -> int:
    """How many undecodable bytes a UTF-8 text may hold and still be read as UTF-8 (with
    ``damaged-text`` warnings for them): one per thousand characters, at least three."""
    return max(3, length // 1000)


def _check_text(text: str, name: str) -> str:
    sample = text[:4000]
    if "\x00" in sample:
        raise InputError(f"{name}: looks like a binary file, not a report; pass txt, html, docx or pdf.", path=name)
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > max(3, len(sample) // 100):
        raise InputError(f"{name}: looks like a binary file, not a report; pass txt, html, docx or pdf.", path=name)
    if not text.strip():
        raise InputError(f"{name}: the file has no text; nothing to parse.", path=name)
    if not _HAN.search(text):
        raise InputError(
            f"{name}: contains no Chinese text; is it a report (or in an unsupported encoding)?", path=name
        )
    return text
