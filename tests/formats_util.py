"""Write one report text as HTML, DOCX and PDF files for the format-equivalence tests."""

from __future__ import annotations

import html
import io
from pathlib import Path

NAV = ["首页 > 政务公开 > 法治政府建设", "字体：大 中 小", "打印本页 关闭窗口", "分享到：微信 微博"]
FOOTER = [
    "版权所有：某某市人民政府办公室 主办单位：某某市人民政府",
    "网站标识码 5105000001 ICP备案号 蜀ICP备00000000号",
]


def write_html(lines: list[str], path: Path, encoding: str = "utf-8") -> Path:
    title, body = lines[0], lines[1:]
    nav = "".join(f"<li><a href='#'>{html.escape(x)}</a></li>" for x in NAV)
    paras = "\n".join(f"<p style='text-indent:2em'>{html.escape(x)}</p>" for x in body)
    page = (
        f"<!DOCTYPE html><html><head><meta charset='{encoding}'><title>{html.escape(title)}_政府门户网站</title>"
        f"<script>var tracker = '一、统计代码';</script><style>.x{{color:red}}</style></head><body>"
        f"<header><div class='logo'>某某市人民政府门户网站</div><nav><ul>{nav}</ul></nav></header>"
        f"<div class='breadcrumb'>当前位置：首页 > 政务公开</div>"
        f"<div class='article'><h1>{html.escape(title)}</h1><div class='info'>发布时间：2020-03-30 来源：市司法局</div>"
        f"<div id='zoom' class='TRS_Editor'>{paras}</div></div>"
        f"<footer>{''.join(f'<p>{html.escape(x)}</p>' for x in FOOTER)}</footer></body></html>"
    )
    path.write_bytes(page.encode(encoding))
    return path


def write_docx(lines: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_docx_numbered(path: Path) -> Path:
    """A DOCX whose 一、/（一） heading numbers come from Word's automatic list numbering."""
    import docx
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def numbered(text: str, level: int) -> None:
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
        )

    document.add_paragraph("青山市人民政府2020年度法治政府建设工作报告")
    numbered("法治建设第一责任人履职情况", 0)
    document.add_paragraph("主要负责人切实履行第一责任人职责，开展会前学法12次。")
    numbered("推进法治政府建设主要举措和成效", 0)
    numbered("加快政府职能转变", 1)
    document.add_paragraph("全市政务服务事项网上可办率达到95%。")
    numbered("提高行政执法效能", 1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "受理行政复议案件", "120件"
    table.cell(1, 0).text, table.cell(1, 1).text = "行政执法人员培训", "1500余人次"
    numbered("存在的问题和2021年工作打算", 0)
    document.add_paragraph("一是基层执法力量薄弱；二是宣传不够深入。")
    document.add_paragraph("2021年，我们将重点做好以下工作：一是加强执法队伍建设；二是深化法治宣传教育。")
    document.save(str(path))
    return path


def write_pdf(lines: list[str], path: Path, chars_per_line: int = 34, lines_per_page: int = 38) -> Path:
    """A text-layer PDF: long paragraphs broken into short lines, a running header and page numbers."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    wrapped = [line[i : i + chars_per_line] for line in lines for i in range(0, len(line), chars_per_line)]
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    pages = [wrapped[i : i + lines_per_page] for i in range(0, len(wrapped), lines_per_page)]
    for number, page in enumerate(pages, start=1):
        c.setFont("STSong-Light", 11)
        c.drawString(60, 810, "某某市人民政府文件")
        for k, line in enumerate(page):
            c.drawString(60, 780 - k * 19, line)
        c.drawString(290, 30, f"- {number} -")
        c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF with only a drawing and no text layer, like a scan."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 400, 600, fill=1)
    c.showPage()
    c.save()
    path.write_bytes(buf.getvalue())
    return path
