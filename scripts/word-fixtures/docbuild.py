"""A small booklet writer on top of python-docx, used by make.py.

It writes a .docx the way a budget clerk would type it in Word and, as it
goes, records the ground truth (every content paragraph and table cell,
with its label separated from its text) for expected.json.
"""
import copy
import datetime

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

# w:pPr children in schema order (ECMA-376 CT_PPr); Word rejects other orders.
PPR_ORDER = ["w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
             "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
             "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
             "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
             "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
             "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
             "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
             "w:pPrChange"]


def insert_ppr(pPr, el):
    """Put el into pPr at its schema position."""
    tag = el.tag.split("}")[1]
    after = PPR_ORDER[PPR_ORDER.index("w:" + tag) + 1:]
    pPr.insert_element_before(el, *after)


CN_DIGITS = "〇一二三四五六七八九"
LEGAL_DIGITS = "零壹貳參肆伍陸柒捌玖"


def cn(n):
    """1 -> 一, 12 -> 十二, 23 -> 二十三 (as Word's taiwaneseCountingThousand)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, units = divmod(n, 10)
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[units] if units else "")


def legal(n):
    """1 -> 壹, 10 -> 壹拾 (as Word's ideographLegalTraditional)."""
    if n < 10:
        return LEGAL_DIGITS[n]
    tens, units = divmod(n, 10)
    return LEGAL_DIGITS[tens] + "拾" + (LEGAL_DIGITS[units] if units else "")


def render_label(template, n):
    """Render a numbering template such as 壹、 一、 （一） 1、 1. （1） for n."""
    if "壹" in template:
        return template.replace("壹", legal(n))
    if "一" in template:
        return template.replace("一", cn(n))
    return template.replace("1", str(n))


# Word numFmt and lvlText for each template.
NUMFMT = {
    "壹、": ("ideographLegalTraditional", "%{}、"),
    "一、": ("taiwaneseCountingThousand", "%{}、"),
    "（一）": ("taiwaneseCountingThousand", "（%{}）"),
    "1、": ("decimal", "%{}、"),
    "1.": ("decimal", "%{}."),
    "（1）": ("decimal", "（%{}）"),
}


def width_chars(s):
    """Width of a label in em (full-width = 1, ASCII = 0.5)."""
    return sum(1 if ord(c) > 0x2000 else 0.5 for c in s)


def clean(text):
    return text.replace("\n", "")


def L(kind, text, label="", **extra):
    """One line (paragraph) of a table cell."""
    d = {"kind": kind, "label": label, "text": text}
    d.update(extra)
    return d


def C(*lines, cs=1, rs=1, align=None, bold=False, kind="table_cell"):
    """A table cell: lines are L(...) dicts or plain strings (kind table_cell)."""
    out = []
    for ln in lines:
        if isinstance(ln, str):
            if not ln:
                continue          # an empty cell
            ln = L(kind, ln)
        out.append(ln)
    return {"lines": out, "cs": cs, "rs": rs, "align": align, "bold": bold}


class Booklet:
    """mode: 'typed' (labels typed as text), 'auto' (Word list via w:numPr on
    each paragraph), or 'style' (levels 0-2 numbered through the heading
    styles, lower levels through w:numPr)."""

    def __init__(self, agency, fiscal_year, scheme, mode="typed", heading_styles=False,
                 east_font="標楷體", size=14, indents=(0, 0, 1, 2, 3), lang="zh-TW",
                 justify_soft_breaks=False, ascii_font="Times New Roman"):
        self.doc = Document()
        self.agency = agency
        self.fiscal_year = fiscal_year
        self.scheme = scheme          # list of label templates, level 0..n
        self.mode = mode
        self.heading_styles = heading_styles
        self.east_font = east_font
        self.size = size
        self.lang = lang
        self.ascii_font = ascii_font
        # Word stretches a justified line that ends in a Shift+Enter break;
        # most cases left-align such paragraphs, as a clerk fixing it would.
        self.justify_soft_breaks = justify_soft_breaks
        self.indents = indents
        self.counters = [0] * 8
        self.lines = []
        self.tables = []
        self.title_lines = []
        self.toc = []                 # entries registered by headings
        self.toc_pages = {}
        self.current_heading = None
        self.num_id = None
        self._setup()

    # ------------------------------------------------------------------ setup
    def _rfonts(self, ascii_font=None, east=None):
        east = east or self.east_font
        ascii_font = ascii_font or self.ascii_font
        return parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{ascii_font}" w:hAnsi="{ascii_font}" '
            f'w:eastAsia="{east}" w:cs="{ascii_font}"/>')

    def _set_style_fonts(self, style, size=None, bold=None):
        rPr = style.element.get_or_add_rPr()
        old = rPr.find(qn("w:rFonts"))
        new = self._rfonts()
        if old is not None:
            old.addprevious(new)
            rPr.remove(old)
        else:
            rPr.insert(0, new)
        if size:
            style.font.size = Pt(size)
        if bold is not None:
            style.font.bold = bold
        style.font.color.rgb = RGBColor(0, 0, 0)

    def _setup(self):
        d = self.doc
        cp = d.core_properties
        cp.author = "範例承辦人"
        cp.last_modified_by = "範例承辦人"
        cp.title = f"{self.agency}{self.fiscal_year}年度預算總說明"
        cp.created = datetime.datetime(2000 + self.fiscal_year - 89 - 1, 8, 20, 9, 0, 0)
        cp.modified = cp.created
        cp.revision = 3
        # document defaults: the Chinese font everywhere, zh-TW language
        defaults = d.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        old = rpr.find(qn("w:rFonts"))
        if old is not None:
            rpr.remove(old)
        rpr.insert(0, self._rfonts())
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = parse_xml(f'<w:lang {nsdecls("w")}/>')
            rpr.append(lang)
        lang.set(qn("w:val"), self.lang)
        lang.set(qn("w:eastAsia"), "zh-TW")
        normal = d.styles["Normal"]
        self._set_style_fonts(normal, size=self.size)
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.line_spacing = Pt(round(self.size * 1.45))
        for name, sz in (("Heading 1", self.size + 2), ("Heading 2", self.size),
                         ("Heading 3", self.size)):
            st = d.styles[name]
            self._set_style_fonts(st, size=sz, bold=True)
            st.paragraph_format.space_before = Pt(6)
            st.paragraph_format.space_after = Pt(2)
            st.paragraph_format.line_spacing = Pt(round(sz * 1.45))
        for name in ("Header", "Footer"):
            self._set_style_fonts(d.styles[name], size=10)
        sec = d.sections[0]
        sec.page_width = Cm(21.0)
        sec.page_height = Cm(29.7)
        sec.top_margin = Cm(2.5)
        sec.bottom_margin = Cm(2.2)
        sec.left_margin = Cm(2.2)
        sec.right_margin = Cm(2.2)
        sec.header_distance = Cm(1.2)
        sec.footer_distance = Cm(1.0)
        if self.mode in ("auto", "style"):
            self._add_numbering()

    @property
    def text_width_cm(self):
        return 21.0 - 4.4

    # --------------------------------------------------------------- numbering
    def _add_numbering(self):
        numbering = self.doc.part.numbering_part.element
        ids = [int(x.get(qn("w:abstractNumId"))) for x in numbering.findall(qn("w:abstractNum"))]
        nids = [int(x.get(qn("w:numId"))) for x in numbering.findall(qn("w:num"))]
        aid = max(ids + [0]) + 1
        self.num_id = max(nids + [0]) + 1
        twips = self.size * 20
        levels = ""
        styles = ["Heading1", "Heading2", "Heading3"]
        for i in range(9):
            if i < len(self.scheme):
                tpl = self.scheme[i]
                fmt, text = NUMFMT[tpl]
                text = text.format(i + 1)
                w = width_chars(tpl)
                left = int((self.indents[i] + w) * twips)
                hang = int(w * twips)
            else:
                fmt, text, left, hang = "decimal", f"%{i + 1}.", (i + 1) * twips, twips // 2
            pstyle = ""
            if self.mode == "style" and i < 3:
                pstyle = f'<w:pStyle w:val="{styles[i]}"/>'
            rpr = ""
            if self.mode == "style" and i < 3:
                rpr = '<w:rPr><w:b/></w:rPr>'
            levels += (
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'{pstyle}<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/>'
                f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr>'
                f'{rpr}</w:lvl>')
        absnum = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
            f'<w:nsid w:val="5A3C{aid:04X}"/><w:multiLevelType w:val="multilevel"/>'
            f'<w:tmpl w:val="0409{aid:04X}"/>{levels}</w:abstractNum>')
        existing = numbering.findall(qn("w:abstractNum"))
        if existing:
            existing[-1].addnext(absnum)
        else:
            numbering.insert(0, absnum)
        numbering.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{self.num_id}"><w:abstractNumId w:val="{aid}"/></w:num>'))
        if self.mode == "style":
            for i, name in enumerate(("Heading 1", "Heading 2", "Heading 3")):
                st = self.doc.styles[name]
                pPr = st.element.get_or_add_pPr()
                numpr = parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{i}"/><w:numId w:val="{self.num_id}"/></w:numPr>')
                insert_ppr(pPr, numpr)

    def _next_label(self, level):
        self.counters[level] += 1
        for i in range(level + 1, len(self.counters)):
            self.counters[i] = 0
        return render_label(self.scheme[level], self.counters[level])

    # ------------------------------------------------------------- paragraphs
    def _runs(self, p, text, bold=False, size=None, underline=False):
        parts = text.split("\n")
        for i, part in enumerate(parts):
            r = p.add_run(part)
            if bold:
                r.bold = True
            if size:
                r.font.size = Pt(size)
            if underline:
                r.underline = True
            if i < len(parts) - 1:
                r.add_break()      # Shift+Enter: <w:br/>
        return p

    def _record(self, kind, label, text, **extra):
        d = {"kind": kind, "label": label, "text": clean(text)}
        if "\n" in text:
            d["raw"] = text
        d.update(extra)
        self.lines.append(d)
        return d

    def _indent(self, p, level, label, extra_chars=0):
        w = width_chars(label)
        base = self.indents[level] + extra_chars
        pf = p.paragraph_format
        pf.left_indent = Pt((base + w) * self.size)
        pf.first_line_indent = Pt(-w * self.size)

    def _numpr(self, p, level):
        pPr = p._p.get_or_add_pPr()
        numpr = parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{self.num_id}"/></w:numPr>')
        insert_ppr(pPr, numpr)

    def numbered(self, level, kind, text, body=None, body_kind=None, bold=None, size=None,
                 toc=None, page_break=False, heading_style=None, align=None):
        """A numbered paragraph at `level` of the scheme. With body: a run-in
        heading (heading text and body text typed in the same paragraph)."""
        label = self._next_label(level)
        is_heading = kind == "heading"
        if bold is None:
            bold = is_heading and level <= 2
        if size is None and is_heading and level == 0:
            size = self.size + 2
        use_style = (self.heading_styles and is_heading and level <= 2) or \
            (self.mode == "style" and is_heading and level <= 2)
        if heading_style is not None:
            use_style = heading_style
        if use_style:
            p = self.doc.add_paragraph(style=f"Heading {level + 1}")
        else:
            p = self.doc.add_paragraph()
        if page_break:
            p.paragraph_format.page_break_before = True
        if is_heading and not use_style:
            p.paragraph_format.keep_with_next = True
        auto = self.mode != "typed"
        if not auto:
            typed = label
            self._indent(p, level, label)
        else:
            # Word draws the label; the indentation comes from the list level
            typed = ""
            if not (self.mode == "style" and use_style and level <= 2):
                self._numpr(p, level)
        if align is not None:
            p.alignment = align
        elif not is_heading:
            p.alignment = self._body_align(text + (body or ""))
        self._runs(p, typed + text, bold=bold and not use_style, size=None if use_style else size)
        extra = {"level": level}
        if auto:
            extra["auto_number"] = True
        if body is not None:
            extra["run_in"] = True
            if body:
                self._runs(p, body)
        if is_heading:
            self.current_heading = clean(text)
            if toc is not None:
                self.toc.append({"level": toc, "label": label, "text": clean(text).rstrip("：")})
        self._record(kind, label, text, **extra)
        if body:
            self._record(body_kind, "", body, **{"run_in_body": True})
        return p

    def _body_align(self, text):
        if "\n" in text and not self.justify_soft_breaks:
            return WD_ALIGN_PARAGRAPH.LEFT
        return WD_ALIGN_PARAGRAPH.JUSTIFY

    def para(self, kind, text, indent_chars=0, first_line_chars=0, bold=False, size=None,
             align="body", record=True, label="", **extra):
        p = self.doc.add_paragraph()
        pf = p.paragraph_format
        if indent_chars:
            pf.left_indent = Pt(indent_chars * self.size)
        if first_line_chars:
            pf.first_line_indent = Pt(first_line_chars * self.size)
        if align == "body":
            align = self._body_align(text)
        if align is not None:
            p.alignment = align
        self._runs(p, label + text, bold=bold, size=size)
        if record:
            self._record(kind, label, text, **extra)
            if kind == "heading":
                self.current_heading = clean(text)
        return p

    def title(self, text, size=22, space_after=12):
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(space_after)
        p.paragraph_format.line_spacing = Pt(size * 1.5)
        self._runs(p, text, bold=True, size=size)
        self.title_lines.append(clean(text))
        return p

    def blank(self):
        return self.doc.add_paragraph()

    def page_break(self):
        self.doc.add_page_break()

    # ----------------------------------------------------------------- tables
    def table(self, widths, rows, header_rows=1, repeat_header=False, size=12, heading=None,
              header_bold=True, cell_align=WD_ALIGN_PARAGRAPH.JUSTIFY):
        ncols = len(widths)
        nrows = len(rows)
        t = self.doc.add_table(rows=nrows, cols=ncols)
        t.style = self.doc.styles["Table Grid"]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        grid = t._tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
            gc.set(qn("w:w"), str(int(Cm(w).twips)))
        for r in range(nrows):
            for c in range(ncols):
                t.cell(r, c).width = Cm(widths[c])
        # merges first (python-docx writes gridSpan / vMerge)
        merges = []
        for r, row in enumerate(rows):
            assert len(row) == ncols, (r, len(row), ncols)
            for c, cell in enumerate(row):
                if isinstance(cell, dict) and (cell["cs"] > 1 or cell["rs"] > 1):
                    a = t.cell(r, c)
                    b = t.cell(r + cell["rs"] - 1, c + cell["cs"] - 1)
                    a.merge(b)
                    merges.append({"row": r, "col": c, "rowspan": cell["rs"], "colspan": cell["cs"]})
        if repeat_header:
            for r in range(header_rows):
                trPr = t.rows[r]._tr.get_or_add_trPr()
                trPr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
        grid_text = []
        for r, row in enumerate(rows):
            grid_row = []
            for c, cell in enumerate(row):
                if cell is None:
                    grid_row.append(None)
                    continue
                if isinstance(cell, str):
                    cell = C(cell)
                tc = t.cell(r, c)
                is_header = r < header_rows
                tc.vertical_alignment = WD_ALIGN_VERTICAL.CENTER if (is_header or cell["align"] == "center") \
                    else WD_ALIGN_VERTICAL.TOP
                texts = []
                for i, ln in enumerate(cell["lines"]):
                    p = tc.paragraphs[0] if i == 0 else tc.add_paragraph()
                    p.paragraph_format.line_spacing = Pt(round(size * 1.35))
                    align = cell["align"]
                    if is_header or align == "center":
                        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    elif align == "right":
                        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    elif "\n" in ln["text"] and not self.justify_soft_breaks:
                        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    else:
                        p.alignment = cell_align
                    label = ln.get("label", "")
                    if label and ln.get("hang", True):
                        w = width_chars(label)
                        p.paragraph_format.left_indent = Pt(w * size)
                        p.paragraph_format.first_line_indent = Pt(-w * size)
                    self._runs(p, label + ln["text"], bold=(is_header and header_bold) or cell["bold"],
                               size=size)
                    texts.append(clean(label + ln["text"]))
                    extra = {k: v for k, v in ln.items() if k not in ("kind", "label", "text", "hang")}
                    extra["table"] = len(self.tables)
                    extra["row"] = r
                    extra["col"] = c
                    self._record(ln["kind"], label, ln["text"], **extra)
                grid_row.append("\n".join(texts))
            grid_text.append(grid_row)
        self.tables.append({
            "heading": heading if heading is not None else self.current_heading,
            "columns": ncols,
            "header_rows": header_rows,
            "repeat_header": repeat_header,
            "rows": grid_text,
            "merges": merges,
        })
        return t

    # ----------------------------------------------------------- head / foot
    @staticmethod
    def _field(p, instr, placeholder="1", size=None):
        def run(xml):
            r = parse_xml(f'<w:r {nsdecls("w")}>{rpr}{xml}</w:r>')
            p._p.append(r)
        rpr = f'<w:rPr><w:sz w:val="{size * 2}"/></w:rPr>' if size else ""
        run('<w:fldChar w:fldCharType="begin"/>')
        run(f'<w:instrText xml:space="preserve"> {instr} </w:instrText>')
        run('<w:fldChar w:fldCharType="separate"/>')
        run(f'<w:t>{placeholder}</w:t>')
        run('<w:fldChar w:fldCharType="end"/>')

    def running_head(self, section, text, align=WD_ALIGN_PARAGRAPH.CENTER, border=True,
                     tabs=None):
        section.header.is_linked_to_previous = False
        p = section.header.paragraphs[0]
        p.alignment = align
        if tabs:
            for pos, kind in tabs:
                p.paragraph_format.tab_stops.add_tab_stop(pos, kind)
        self._runs(p, text, size=10)
        if border:
            pPr = p._p.get_or_add_pPr()
            insert_ppr(pPr, parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'))
        return p

    def page_footer(self, section, before="", after="", total=None):
        """Footer with a PAGE field: before + N + after (+ total text with NUMPAGES)."""
        section.footer.is_linked_to_previous = False
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if before:
            self._runs(p, before, size=10)
        self._field(p, "PAGE", size=10)
        if after:
            self._runs(p, after, size=10)
        if total is not None:
            self._runs(p, total[0], size=10)
            self._field(p, "NUMPAGES", size=10)
            self._runs(p, total[1], size=10)
        return p

    def new_section(self, restart_numbering=True):
        sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
        if restart_numbering:
            sectPr = sec._sectPr
            pg = parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>')
            cols = sectPr.find(qn("w:cols"))
            if cols is not None:
                cols.addprevious(pg)
            else:
                sectPr.append(pg)
        return sec

    # -------------------------------------------------------------------- TOC
    def toc_anchor(self):
        """A placeholder where the typed 目次 goes once all headings are known."""
        self._toc_anchor = self.doc.add_paragraph()
        return self._toc_anchor

    def write_toc(self, style="tab", pages=None, level_indent=2, size=None):
        """Type the 目次 at the anchor: 'tab' = right tab stop with dot
        leader, 'dots' = leader typed as ……… characters."""
        pages = pages or {}
        size = size or self.size
        body = self.doc.element.body
        made = []
        for i, e in enumerate(self.toc):
            page = pages.get(i, 0)
            e["page"] = page
            p = self.doc.add_paragraph()
            pf = p.paragraph_format
            pf.left_indent = Pt(e["level"] * level_indent * size)
            pf.line_spacing = Pt(round(size * 1.9))
            entry = e["label"] + e["text"]
            if style == "tab":
                pf.tab_stops.add_tab_stop(Cm(self.text_width_cm), WD_TAB_ALIGNMENT.RIGHT,
                                          WD_TAB_LEADER.DOTS)
                self._runs(p, entry + "\t" + str(page), size=size)
            else:
                # a clerk's hand-typed leader: fill to about 30 em, then the page
                used = width_chars(entry) + e["level"] * level_indent
                n = max(3, int(31 - used - width_chars(str(page))))
                self._runs(p, entry + "…" * n + str(page), size=size)
            made.append(p._p)
        anchor = self._toc_anchor._p
        for el in made:
            anchor.addprevious(el)
        anchor.getparent().remove(anchor)

    # ----------------------------------------------------------------- output
    def expected(self, numbering, extra=None):
        out = {
            "agency": self.agency,
            "fiscal_year": self.fiscal_year,
            "title_lines": self.title_lines,
            "numbering": numbering,
            "toc": [{"label": e["label"], "text": e["text"], "page": e.get("page")} for e in self.toc],
            "content_lines": self.lines,
            "tables": self.tables,
        }
        if extra:
            out.update(extra)
        return out
