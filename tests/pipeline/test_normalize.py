from __future__ import annotations

import random

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rolcompare.pipeline.normalize import detect_script, normalize, normalize_text, to_traditional
from texts import add_mirror_noise, reports

CASES = [
    # (id, raw, normalized)
    ("pinyin-removed", "建設(shè)工作報(bào)告", "建设工作报告"),
    ("real-parens-kept", "《綱要(2015—2020年)》", "《纲要（2015—2020年）》"),
    ("heading-parens-kept", "(一)堅持高位推動", "（一）坚持高位推动"),
    ("place-in-parens-kept", "瀘州市(自貿(mào)區(qū))公共法律服務(wù)中心", "泸州市（自贸区）公共法律服务中心"),
    ("comma-before-comma", "2019年,,瀘州市", "2019年，泸州市"),
    ("comma-before-enum-mark", "中共中央,、國務(wù)院", "中共中央、国务院"),
    ("comma-before-full-stop", "取得明顯成效,。", "取得明显成效。"),
    ("heading-with-noise", "二,、推進(jìn)法治政府建設(shè)", "二、推进法治政府建设"),
    ("thousands-separator-kept", "受理案件1,286件", "受理案件1,286件"),
    ("fullwidth-digits", "網上可辦率为９８．５％", "网上可办率为98.5%"),
    ("crlf-and-spaces", "第一段　内容\r\n\r\n第二段", "第一段内容\n第二段"),
    ("english-in-parens", "採用PPP(Public Private)模式", "采用PPP（Public Private）模式"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_normalize_cases(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


DAMAGED = [
    ("seed-water", "7個地表水國控?cái)嗝嫠|(zhì)優(yōu)良比例為85.71%", "7个地表水国控\ufffd优良比例为85.71%"),
    ("seed-experts", "聘請各領(lǐng)域?qū)<覍W(xué)者參與", "聘请各领域\ufffd者参与"),
    ("seed-campus", "開展“憲法法律進(jìn)高?!被顒?dòng),“12·4”", "开展“宪法法律进高\ufffd，“12·4”"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in DAMAGED], ids=[c[0] for c in DAMAGED])
def test_damaged_spans_marked_and_warned(raw: str, expected: str) -> None:
    result = normalize(raw)
    assert result.text == expected
    assert [w.code for w in result.warnings] == ["damaged-text"]
    assert result.warnings[0].line == 1


def test_seed_damage_warnings_and_lines(seed_report) -> None:
    damaged = [w for w in seed_report.warnings if w.code == "damaged-text"]
    assert [w.line for w in damaged] == [12, 18, 31]


def test_line_numbers_survive_blank_lines_and_front_matter() -> None:
    result = normalize("甲\n\n\n乙\r\n丙", first_line=5)
    assert [(line.no, line.text) for line in result.lines] == [(5, "甲"), (8, "乙"), (9, "丙")]


@pytest.mark.parametrize(
    ("text", "script"),
    [("泸州市人民政府法治政府建设工作报告", "simplified"), ("瀘州市人民政府法治政府建設工作報告", "traditional")],
    ids=["simplified", "traditional"],
)
def test_detect_script(text: str, script: str) -> None:
    assert detect_script(text) == script


@given(st.text(max_size=400))
def test_normalize_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_idempotent_when_dropped_commas_bring_junk_closer() -> None:
    """A damaged span is measured again after spurious commas are dropped (found by the property
    test below: the second pass saw a junk atom 3 characters away that the first saw 4 away)."""
    once = normalize_text("?b00,,<")
    assert normalize_text(once) == once


@given(st.text(alphabet="建設報告瀘州市(shè)(一),，。、?|<>!ab 1234567890%\n（）《》“”", max_size=200))
def test_idempotent_on_dirty_alphabet(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(reports(), st.integers(0, 10_000))
def test_noise_and_script_do_not_change_normalized_text(text: str, seed: int) -> None:
    clean = normalize_text(text)
    noisy = add_mirror_noise(text, random.Random(seed))
    assert normalize_text(noisy) == clean
    assert normalize_text(to_traditional(text)) == clean


@given(st.text(alphabet=st.sampled_from("法治 \t\n\u3000\u00a0\u2003\u200b\ufeff\x00\x1f\x7f\u2028a1，"), max_size=40))
def test_space_tidying_equals_its_regex_definition(text: str) -> None:
    """The fast path (all lines printable) gives what the two regexes give on any text."""
    from rolcompare.pipeline.normalize import _INVISIBLE, _SPACES, _tidy_spaces

    assert _tidy_spaces(text) == _SPACES.sub(" ", _INVISIBLE.sub("", text))


@given(st.text(alphabet="說话話说國国家法治建設设ab1，。 ", max_size=60))
def test_detect_script_equals_its_definition(text: str) -> None:
    """The counting shortcuts of detect_script change no answer."""
    from rolcompare.pipeline.normalize import to_simplified

    sample = text[:800]
    converted = to_simplified(sample)[: len(sample)]
    if sample == converted:
        expected = "simplified"
    else:
        traditional = set(sample) - set(converted)
        changed = sum(ch in traditional for ch in sample)
        cjk = max(1, sum(ch.isalpha() for ch in sample))
        forms = set(to_simplified("".join(sorted(traditional)))) - traditional
        also = sum(ch in forms for ch in sample)
        if changed < 3 and changed / cjk < 0.005:
            expected = "simplified"
        elif also > max(3, 0.25 * changed):
            expected = "mixed"
        else:
            expected = "traditional" if changed / cjk >= 0.01 else "mixed"
    assert detect_script(text) == expected


@given(st.text(alphabet="法治建設(zhìshè)aeiouüngrhzm)āē中ń", max_size=30))
def test_possessive_syllable_removes_what_the_backtracking_one_did(text: str) -> None:
    import re

    from rolcompare.lexicon.words import _VOWELS, CJK
    from rolcompare.pipeline.normalize import _PINYIN_ANNOTATION

    backtracking = rf"(?:[bpmfdtnlgkhjqxrzcsyw]h?)?[{_VOWELS}]{{1,3}}(?:ng|n|r)?|h?[mnń]g?"  # the plain syllable
    plain = re.compile(rf"\((?<=[{CJK}\ufffd]\()(?:{backtracking})\)(?:\((?:{backtracking})\))*")
    assert _PINYIN_ANNOTATION.sub("", text) == plain.sub("", text)


@given(
    st.text(alphabet="說话話说國国ab\x00\U00020000", max_size=30),
    st.text(alphabet="說话話说國国ab\x00\U00020000", max_size=30),
)
@example("說話ab", "说话")  # the other text shorter: the places past its end differ
def test_differing_code_points_equal_a_plain_comparison(text: str, other: str) -> None:
    from rolcompare.pipeline.normalize import _differing_code_points

    padded = other[: len(text)]
    expected = [ord(ch) for i, ch in enumerate(text) if i >= len(padded) or padded[i] != ch]
    assert _differing_code_points(text, other) == expected


def test_a_lone_surrogate_is_damaged_text_not_a_crash() -> None:
    """A PDF's broken character map (or surrogateescape'd bytes) must not reach the converter."""
    result = normalize("建设\udcff报告")
    assert result.lines[0].text == "建设\ufffd报告"
    assert [w.code for w in result.warnings] == ["damaged-text"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("通过率达100%.二是加强培训", "通过率达100%。二是加强培训"),
        ("完成整改.", "完成整改。"),
        ("1.健全领导机制", "1.健全领导机制"),
        ("PM2.5平均浓度下降", "PM2.5平均浓度下降"),
        ("见附件A.文件已印发", "见附件A.文件已印发"),
    ],
    ids=["after-percent", "line-end", "heading-number", "decimal", "latin"],
)
def test_an_ascii_full_stop_ends_a_sentence_only_after_text(text: str, expected: str) -> None:
    assert normalize(text).lines[0].text == expected
