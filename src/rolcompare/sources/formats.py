"""Readers of published formats for the ``ingest`` stage: HTML pages, DOCX and PDF.

Each reader returns plain text, one paragraph a line. None of them touches the network:
HTML is read from the bytes given (no linked resources), DOCX is a zip read with limits
(zip bombs), PDF is its text layer only.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter

from rolcompare.errors import InputError, UnsupportedFormatError

MAX_DOCX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_DOCX_RATIO = 200
_BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "br",
    "section",
    "article",
    "table",
    "td",
    "th",
}
_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "button", "select")
_SENTENCE_END = "。！？；：…”」）)"
# page tools around an article (font size, print, close, share), simplified or traditional
_PAGE_TOOLS = re.compile(
    r"\W*(?:字[体體]|打印|列印|[关關][闭閉]|分享|【?[大中小]】?\s*[大中小]|版[权權]所有|主[办辦]单?位|承[办辦]|"
    r"网站标识码|網站標識碼|ICP|[备備]案[号號]|地址[：:]|[电電]话[：:]|联系我们|聯繫我們|首[页頁]\s*[|>]).*"
)
_PARAGRAPH_END = tuple("。！？；：…")


# ---------------------------------------------------------------- HTML
def html_text(markup: str, name: str = "<html>") -> str:
    """The article body of a web page as text, one paragraph a line.

    Steps:
      1. trafilatura extracts the main content (menus, breadcrumbs, footers, share
         widgets, "字体：大 中 小" left out);
      2. if it finds nothing, or much less than the page's text, fall back to the page
         body without script, style, nav, header, footer, aside and form elements.
    """
    import logging

    import trafilatura  # a declared dependency: a broken install must fail loudly, not fall back

    fallback = _html_body_text(markup, name)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)  # its fallbacks log on odd markup
    try:
        extracted = trafilatura.extract(
            markup,
            output_format="txt",
            include_tables=True,
            include_comments=False,
            deduplicate=False,
            favor_recall=True,
            with_metadata=False,
        )
    except Exception:  # trafilatura's own failure on odd markup: the plain body text stands in
        extracted = None
    if extracted and _keeps_paragraphs(extracted, fallback):
        title = _html_title(markup)
        if title and title not in extracted[:200]:
            extracted = title + "\n" + extracted
        return extracted
    if not fallback.strip():
        raise InputError(f"{name}: the web page has no text in its body.", path=name)
    return fallback


def _keeps_paragraphs(extracted: str, fallback: str) -> bool:
    """trafilatura's text is used when it has most of the page's Chinese text in paragraphs.

    Old government sites lay pages out with tables; trafilatura then returns the article as
    one flattened table row (``| … |``), losing the line structure headings depend on.
    """
    lines = [line for line in extracted.splitlines() if line.strip()]
    if any(line.lstrip().startswith("|") for line in lines):
        return False
    fallback_lines = sum(1 for line in fallback.splitlines() if _cjk_count(line) >= 4)
    return _cjk_count(extracted) >= 0.5 * _cjk_count(fallback) and len(lines) >= 0.5 * fallback_lines


def _html_body_text(markup: str, name: str) -> str:
    from lxml import etree, html

    # parse the decoded text, not bytes: a <meta charset> would make lxml decode the bytes again
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    try:
        doc = html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise InputError(f"{name}: cannot be read as HTML.", path=name) from None
    for bad in [*doc.xpath("|".join(f"//{t}" for t in _DROP_TAGS)), *doc.xpath("//comment()")]:
        if bad.getparent() is not None:  # a comment before <html> has no parent to leave
            bad.drop_tree()
    lines: list[str] = []
    current: list[str] = []
    for event, el in etree.iterwalk(doc.body if doc.body is not None else doc, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in _BLOCK_TAGS:
                _flush(current, lines)
            if el.text:
                current.append(el.text)
        else:
            if tag in _BLOCK_TAGS:
                _flush(current, lines)
            if el.tail:
                current.append(el.tail)
    _flush(current, lines)
    return "\n".join(line for line in lines if not _PAGE_TOOLS.fullmatch(line))


def _html_title(markup: str) -> str | None:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", markup, re.S | re.I)
    if not m:
        return None
    import html as html_lib

    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(1)))).strip() or None


def _flush(current: list[str], lines: list[str]) -> None:
    text = re.sub(r"\s+", " ", "".join(current)).strip()
    if text:
        lines.append(text)
    current.clear()


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


# ---------------------------------------------------------------- DOCX
def docx_text(data: bytes, name: str = "<docx>", max_bytes: int = MAX_DOCX_UNCOMPRESSED) -> str:
    """Paragraphs of a Word file in order, automatic list numbers restored, tables row by row.

    ``max_bytes``: the limit on what the file unpacks to (the input size limit counts the XML)."""
    _check_zip(data, name, min(max_bytes, MAX_DOCX_UNCOMPRESSED))
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
    except Exception:
        raise InputError(
            f"{name}: not a readable DOCX file (is it a .doc saved under another name?).", path=name
        ) from None
    numbering = _Numbering(document)
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter(_w("t")))
            prefix = numbering.label(child)
            if text.strip() or prefix:
                lines.append(prefix + text.strip())
        elif tag == "tbl":
            lines.extend(_table_rows(child))
    return "\n".join(lines)


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


def _check_zip(data: bytes, name: str, limit: int = MAX_DOCX_UNCOMPRESSED) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
            packed = sum(info.compress_size for info in archive.infolist()) or 1
    except (zipfile.BadZipFile, EOFError, ValueError):
        raise InputError(f"{name}: a damaged or truncated DOCX (zip) file.", path=name) from None
    if total > limit:
        raise InputError(
            f"{name}: the DOCX unpacks to {total} bytes, over the limit of {limit} bytes.",
            path=name,
            parameter="max_bytes",
        )
    if total / packed > MAX_DOCX_RATIO:
        raise InputError(
            f"{name}: the DOCX unpacks to {total} bytes, which looks like a zip bomb; refusing it.", path=name
        )


def _table_rows(tbl) -> list[str]:
    rows = []
    for tr in tbl.iter(_w("tr")):
        cells = ["".join(t.text or "" for t in tc.iter(_w("t"))).strip() for tc in tr.iter(_w("tc"))]
        text = ""
        for cell in (c for c in cells if c):
            glue = "" if text and (cell[0].isdigit() or cell[0] in "约近超逾") and not text[-1].isdigit() else "，"
            text = f"{text}{glue}{cell}" if text else cell
        if text:
            rows.append(text + ("" if text.endswith(tuple(_SENTENCE_END)) else "。"))
    return rows


class _Numbering:
    """Word's automatic list numbering (numPr → abstractNum level formats) as text labels."""

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for an in root.iter(_w("abstractNum")):
            levels = {}
            for lvl in an.iter(_w("lvl")):
                fmt = lvl.find(_w("numFmt"))
                text = lvl.find(_w("lvlText"))
                start = lvl.find(_w("start"))
                levels[_int(lvl.get(_w("ilvl")), 0)] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    text.get(_w("val")) if text is not None else "%1.",
                    _int(start.get(_w("val")) if start is not None else None, 1),
                )
            abstract[an.get(_w("abstractNumId"))] = levels
        for num in root.iter(_w("num")):
            ref = num.find(_w("abstractNumId"))
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(_w("val")), {}).items():
                    self.formats[(num.get(_w("numId")), ilvl)] = spec

    def label(self, p) -> str:
        num_pr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
        num_id = str(num_id_el.get(_w("val"))) if num_id_el is not None else ""
        ilvl = _int(ilvl_el.get(_w("val")) if ilvl_el is not None else None, 0)
        spec = self.formats.get((num_id, ilvl))
        if spec is None or spec[0] in ("bullet", "none"):
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, spec[2] - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]
        return spec[1].replace(f"%{ilvl + 1}", _format_number(self.counters[key], spec[0]))


def _format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return _cn_numeral(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return chr(ord("①") + n - 1) if 1 <= n <= 20 else str(n)
    return str(n)


def _cn_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _int(value: str | None, default: int) -> int:
    """A whole number from a DOCX attribute; a missing or malformed one (``w:ilvl="x"``) is the default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------- PDF
def pdf_text(data: bytes, name: str = "<pdf>") -> str:
    """The text layer of a PDF in reading order, page furniture dropped, broken lines joined."""
    import logging
    import warnings

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its complaints about odd files are not the user's
    encrypted = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            encrypted = reader.is_encrypted
            if encrypted:
                reader.decrypt("")  # (an empty user password opens many "protected" PDFs)
            pages = [(page.extract_text() or "") for page in reader.pages]
    except Exception:
        if encrypted or b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]:
            raise InputError(f"{name}: the PDF is encrypted; save an unprotected copy.", path=name) from None
        raise InputError(f"{name}: a damaged or truncated PDF file.", path=name) from None
    if sum(len(p.strip()) for p in pages) < 20:
        raise UnsupportedFormatError(f"{name}: the PDF has no text layer; run OCR first.", path=name)
    return join_pdf_lines(_drop_furniture([p.splitlines() for p in pages]))


_PAGE_NUMBER = re.compile(r"^[-—\s]*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d{1,4})[-—\s]*$")


def _drop_furniture(pages: list[list[str]]) -> list[str]:
    """Drop page numbers and header/footer lines repeated on at least half of the pages."""
    edges = Counter(line.strip() for lines in pages for line in {*lines[:2], *lines[-2:]} if line.strip())
    repeated = {line for line, n in edges.items() if len(pages) >= 2 and n >= max(2, len(pages) / 2)}
    return [
        line.strip()
        for lines in pages
        for line in lines
        if line.strip() and not _PAGE_NUMBER.match(line.strip()) and line.strip() not in repeated
    ]


def join_pdf_lines(lines: list[str]) -> str:
    """Join lines a PDF broke mid-sentence.

    A line continues the one before unless that one ends a sentence (。！？；：…), is a
    title, or is a heading shorter than the full text width — or the line itself starts
    a heading.
    """
    from rolcompare.lexicon.grammar import match_heading

    def heading(line: str) -> bool:
        return match_heading(line.replace("(", "（").replace(")", "）")) is not None

    lengths = sorted(len(line) for line in lines)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[str] = []
    last = ""
    for line in lines:
        ends_block = last.endswith(_PARAGRAPH_END) or _is_title(last) or (heading(last) and len(last) < 0.85 * full)
        if out and not ends_block and not heading(line):
            out[-1] += line
        else:
            out.append(line)
        last = line
    return "\n".join(out)


def _is_title(line: str) -> bool:
    if len(line) > 40 or any(mark in line for mark in "，。；、"):
        return False
    return "报告" in line or line.endswith(("情况", "成效", "问题", "打算", "安排"))
