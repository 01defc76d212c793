from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import rolcompare as rc
from conftest import DATA, SEED
from formats_util import write_docx, write_docx_numbered, write_html, write_pdf, write_scanned_pdf
from rolcompare.errors import ConfigError, InputError, RolcompareError, UnsupportedFormatError
from rolcompare.pipeline.normalize import normalize
from rolcompare.sources.ingest import decode, ingest

SEED_TEXT = SEED.read_text("utf-8")
CLEAN_SEED_LINES = [line.text.replace("\ufffd", "") for line in normalize(SEED_TEXT).lines]


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "big5"],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    text = "\n".join(CLEAN_SEED_LINES) if encoding in ("gbk", "gb18030") else SEED_TEXT
    if encoding == "big5":
        from rolcompare.pipeline.normalize import to_traditional

        text = to_traditional("\n".join(CLEAN_SEED_LINES)).translate(str.maketrans("衆羣啓爲", "眾群啟為"))
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    report = rc.read(path)
    assert (report.meta.entity, report.meta.year) == ("泸州市人民政府", 2019)
    assert len(report.sections) == 31 and len(report.indicators) == 68


def test_crlf_and_cr_line_ends(tmp_path: Path) -> None:
    for newline in ("\r\n", "\r"):
        path = tmp_path / "r.txt"
        path.write_bytes(SEED_TEXT.replace("\n", newline).encode("utf-8"))
        report = rc.read(path)
        assert [s.line for s in report.sections][:3] == [3, 4, 5]


@pytest.mark.parametrize(
    ("front", "error"),
    [
        ("---\nentity: [broken\n---\n", "not valid YAML"),
        ("---\ncolour: red\n---\n", "unknown front matter key colour"),
        ("---\nprovenance: maybe\n---\n", "provenance must be"),
        ("---\nyear: twenty\n---\n", "year must be a number"),
        ("---\nentity: 123\n---\n", "entity must be text"),
        ("---\nlevel: town\n---\n", "level must be one of"),
        ("---\nyear: 2020-03-30\n---\n", "year must be a number"),
        ("---\n- a\n- b\n---\n", "key: value lines"),
    ],
    ids=["yaml", "unknown-key", "provenance", "year", "entity-type", "level", "date-as-year", "list"],
)
def test_bad_front_matter(front: str, error: str) -> None:
    with pytest.raises(ConfigError, match=error):
        rc.parse(front + "某市2020年法治政府建设报告\n")


def _shape(report: rc.Report) -> tuple:
    return (
        report.meta.entity,
        report.meta.year,
        report.meta.title,
        [(s.id, s.title, s.level, s.kinds) for s in report.sections],
        [(i.value, i.unit, i.label, i.concept, i.qualifier) for i in report.indicators],
        [(c.ordinal, c.text) for c in report.commitments],
        [p.text for p in report.problems],
    )


@pytest.fixture(scope="module")
def clean_txt(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fmt") / "seed.txt"
    path.write_text("\n".join(CLEAN_SEED_LINES), "utf-8")
    return path


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_seed_content_same_in_every_format(tmp_path: Path, clean_txt: Path, fmt: str) -> None:
    writer = {"html": write_html, "docx": write_docx, "pdf": write_pdf}[fmt]
    other = writer(CLEAN_SEED_LINES, tmp_path / f"seed.{fmt}")
    assert _shape(rc.read(other)) == _shape(rc.read(clean_txt))


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_raw_seed_same_in_html_and_docx(tmp_path: Path, fmt: str) -> None:
    raw_lines = SEED_TEXT.splitlines()
    writer = {"html": write_html, "docx": write_docx}[fmt]
    other = rc.read(writer(raw_lines, tmp_path / f"seed.{fmt}"))
    assert _shape(other) == _shape(rc.read(SEED))
    assert [w.code for w in other.warnings] == [w.code for w in rc.read(SEED).warnings]


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_own_report_same_in_every_format(tmp_path: Path, fmt: str) -> None:
    source = DATA / "reports" / "yunling-2021.txt"
    lines = [line for line in source.read_text("utf-8").split("---", 2)[2].splitlines() if line.strip()]
    txt = tmp_path / "r.txt"
    txt.write_text("\n".join(lines), "utf-8")
    writer = {"html": write_html, "docx": write_docx, "pdf": write_pdf}[fmt]
    assert _shape(rc.read(writer(lines, tmp_path / f"r.{fmt}"))) == _shape(rc.read(txt))


def test_html_gbk_with_meta_charset(tmp_path: Path, clean_txt: Path) -> None:
    page = write_html(CLEAN_SEED_LINES, tmp_path / "gbk.html", encoding="gbk")
    assert _shape(rc.read(page)) == _shape(rc.read(clean_txt))


def test_html_navigation_and_scripts_are_left_out(tmp_path: Path) -> None:
    text = ingest(write_html(CLEAN_SEED_LINES, tmp_path / "p.html")).text
    for junk in ("字体：大 中 小", "首页 > 政务公开", "版权所有", "统计代码", "color:red"):
        assert junk not in text


def test_docx_automatic_numbering_restored(tmp_path: Path) -> None:
    report = rc.read(write_docx_numbered(tmp_path / "numbered.docx"))
    assert [(s.number, s.title) for s in report.sections] == [
        ("一、", "法治建设第一责任人履职情况"),
        ("二、", "推进法治政府建设主要举措和成效"),
        ("（一）", "加快政府职能转变"),
        ("（二）", "提高行政执法效能"),
        ("三、", "存在的问题和2021年工作打算"),
    ]
    got = [(i.label, i.value, i.unit) for i in report.indicators]
    assert ("受理行政复议案件", 120, "件") in got and ("行政执法人员培训", 1500, "人次") in got
    assert [c.ordinal for c in report.commitments] == ["一是", "二是"]


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="no text layer; run OCR first"):
        rc.read(write_scanned_pdf(tmp_path / "scan.pdf"))


def test_docx_zip_bomb_refused(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<a>" + " " * (50 * 1024 * 1024) + "</a>")
    path = tmp_path / "bomb.docx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(InputError, match="zip bomb"):
        rc.read(path, max_bytes=300 * 1024 * 1024)
    with pytest.raises(InputError, match="over the limit"):
        rc.read(path)  # (50 MB of XML is over the default 20 MB limit anyway)


def test_docx_unpacked_size_counts_against_max_bytes(tmp_path: Path) -> None:
    """A DOCX whose XML is far larger than the file (but no zip bomb by ratio) is held to --max-bytes."""
    import random

    rng = random.Random(0)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(200_000))  # ~600 KB, ratio < 200
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f"<a>{text}</a>")
    path = tmp_path / "big.docx"
    path.write_bytes(buf.getvalue())
    assert path.stat().st_size < 500_000
    with pytest.raises(InputError, match="over the limit of 500000"):
        rc.read(path, max_bytes=500_000)


def test_size_limit(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="over the limit"):
        rc.read(SEED, max_bytes=1000)


def test_wrongly_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("不是PDF文件", "utf-8")
    with pytest.raises(UnsupportedFormatError):
        rc.read(path)


# ---------------------------------------------------------------- fuzzing
def _docx_bytes() -> bytes:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("某市2020年法治政府建设报告")
    d.save(buf)
    return buf.getvalue()


SEED_BYTES = SEED_TEXT.encode("utf-8")
FRAGMENTS = [
    SEED_BYTES,
    "\n".join(CLEAN_SEED_LINES).encode("gbk"),
    "法治政府建設報告".encode("big5"),
    _docx_bytes(),
    b"%PDF-1.4\n1 0 obj<<>>endobj\n",
    b"<html><body><p>\xe4\xb8\x80\xe3\x80\x81<div><p>",
]


TAG_SOUP = st.lists(
    st.sampled_from(
        [
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<br>",
            "<table><tr><td>",
            "</td></tr></table>",
            "<script>",
            "</script>",
            "<h1>",
            "</h1>",
            "<!--",
            "-->",
            "<meta charset='gbk'>",
            "一、",
            "（二）",
            "受理案件3件。",
            "报告",
            "&nbsp;",
            "&#x4e00;",
            "<",
            ">",
            "\x00",
            "存在的问题",
            "2021年",
        ]
    ),
    max_size=60,
).map(lambda parts: "".join(parts).encode("utf-8"))


@st.composite
def dirty_bytes(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.binary(min_size=1, max_size=3000))
    if choice == 4:
        return draw(TAG_SOUP)
    base = draw(st.sampled_from(FRAGMENTS))
    cut = draw(st.integers(1, len(base)))
    data = base[:cut]
    if choice == 2:
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.binary(max_size=50)) + data[pos:]
    return data


FUZZ_EXAMPLES = int(os.environ.get("ROLCOMPARE_FUZZ_EXAMPLES", "400"))  # long runs: see docs/reliability.md


@settings(max_examples=FUZZ_EXAMPLES, deadline=None)
@given(dirty_bytes(), st.sampled_from([".txt", ".html", ".docx", ".pdf", ""]))
def test_fuzz_read_gives_report_or_clean_error(tmp_path_factory, data: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    start = time.monotonic()
    try:
        report = rc.read(path)
    except RolcompareError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(report, rc.Report)
    assert time.monotonic() - start < 5  # (issue #15: no input over 5 s)


def test_decode_rejects_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01" * 100 + "报告".encode("gbk") * 3)


def test_shipped_seed_is_the_mirror_file_byte_for_byte() -> None:
    shared = SEED.parent.parent.parent.parent / "shared" / "seeds" / "luzhou-2019.txt"
    if not shared.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    assert SEED.read_bytes() == shared.read_bytes()


TABLE_LAYOUT_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"><title>報告</title></head>
<body><table width=100%><tr><td class=nav><a href=/>首頁</a> | <a href=/zw>政務公開</a></td></tr>
<tr><td><div class="zoom">字體：[ 大 中 小 ]</div>
<p align=center><b>白水縣人民政府2021年度法治政府建設工作報告</b></p>
<p>2021年，白水縣堅持依法行政。<br>一、主要舉措和成效<br>（一）全年受理行政復議案件35件，審結33件。</p>
<p>二、法治建設第一責任人履職情況</p><p>縣政府主要負責人主持會前學法8次。</p>
<p>三、存在的問題</p><p>一是執法隊伍力量薄弱；二是普法針對性不強。</p>
<p>四、2022年工作打算</p><p>一是加強執法隊伍建設；二是增強普法針對性。</p>
</td></tr><tr><td class=footer>版權所有 白水縣人民政府 地址：某某路1號 電話：0000-1234567</td></tr></table></body></html>"""


def test_old_table_layout_page_in_big5(tmp_path: Path) -> None:
    """Older government sites lay pages out with tables; the article keeps its lines."""
    page = tmp_path / "old.html"
    page.write_bytes(TABLE_LAYOUT_PAGE.encode("big5"))
    report = rc.read(page)
    assert (report.meta.entity, report.meta.year, report.meta.script) == ("白水县人民政府", 2021, "traditional")
    assert [s.title for s in report.sections if s.level == 1] == [
        "主要举措和成效",
        "法治建设第一责任人履职情况",
        "存在的问题",
        "2022年工作打算",
    ]
    assert [(i.value, i.concept) for i in report.indicators] == [
        (35, "reconsideration.cases_received"),
        (33, "reconsideration.cases_closed"),
        (8, "study.pre_meeting"),
    ]
    assert [c.text for c in report.commitments] == ["加强执法队伍建设", "增强普法针对性"]  # not the footer
    assert not [w for w in report.warnings if w.code in ("missing-part", "no-year", "no-entity")]


@pytest.mark.parametrize(
    "block",
    [
        "entity: 泸州市人民政府\nyear: 2020\nprovenance: constructed\nnote: >-\n  第一行\n  第二行\n",
        "entity: '某县人民政府'\ntitle: \"某县2021年度法治政府建设情况报告\"\nlevel: county\n",
        "source: https://example.org/a?b=1#c\nyear: 2019\n",
        "",
    ],
    ids=["folded-note", "quoted", "url", "empty"],
)
def test_front_matter_loader_reads_what_safe_load_reads(block: str) -> None:
    """The fast (libyaml) loader, when present, gives the fields yaml.safe_load gives."""
    import yaml

    from rolcompare.pipeline.meta import _load_front_matter

    assert _load_front_matter(block, "x") == (yaml.safe_load(block) or {})


def test_a_few_bad_bytes_in_utf8_are_damaged_text_not_a_refusal(tmp_path) -> None:
    import rolcompare as rc

    for bom in (b"", b"\xef\xbb\xbf"):
        f = tmp_path / "r.txt"
        f.write_bytes(
            bom + "青山市2020年度法治政府建设工作报告\n全年受理行政复议案件".encode() + b"\xff" + "12件。\n".encode()
        )
        report = rc.read(f)
        assert report.meta.year == 2020
        assert "damaged-text" in {w.code for w in report.warnings}


def test_a_name_too_long_is_one_sentence() -> None:
    import rolcompare as rc
    from rolcompare.errors import InputError

    with pytest.raises(InputError, match="cannot be opened"):
        rc.read("a" * 300)


def test_compare_takes_short_report_text() -> None:
    import rolcompare as rc

    diff = rc.compare("全年受理行政复议案件3件。", "全年受理行政复议案件4件。")
    assert [(c.old, c.new) for c in diff.indicators] == [(3, 4)]


def test_front_matter_accepts_township() -> None:
    import rolcompare as rc

    assert rc.parse("---\nentity: 城西街道办事处\nlevel: township\n---\n报告\n").meta.level == "township"


def test_docx_with_a_malformed_list_level_is_read(tmp_path) -> None:
    """``w:ilvl="x"`` (hand-edited or generated XML) is level 0, not a traceback."""
    import zipfile

    import rolcompare as rc
    from formats_util import write_docx_numbered

    good = write_docx_numbered(tmp_path / "n.docx")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("word/document.xml", "word/numbering.xml"):
                data = data.replace(b'w:ilvl w:val="0"', b'w:ilvl w:val="x"').replace(b'w:ilvl="0"', b'w:ilvl="x"')
            zout.writestr(item, data)
    assert rc.read(bad).sections


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, encoding: str) -> None:
    import rolcompare as rc

    f = tmp_path / "r.txt"
    f.write_bytes("青山市2020年度法治政府建设工作报告\n全年受理行政复议案件12件。\n".encode(encoding))
    report = rc.read(f)
    assert (report.meta.entity, report.meta.year, [i.value for i in report.indicators]) == (
        "青山市人民政府",
        2020,
        [12],
    )


def test_an_encrypted_pdf_says_it_is_encrypted(tmp_path) -> None:
    import pypdf

    import rolcompare as rc
    from formats_util import write_pdf
    from rolcompare.errors import InputError

    plain = write_pdf(["青山市2020年度法治政府建设工作报告", "全年受理行政复议案件12件。" * 3], tmp_path / "p.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    try:
        writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    except Exception as exc:  # pragma: no cover - depends on pypdf's optional crypto backend
        pytest.skip(f"pypdf cannot encrypt here: {exc}")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="encrypted"):
        rc.read(locked)
