#!/usr/bin/env python3
"""Check the Word fixtures against their expected.json.

1. Walk source.docx's body (paragraphs and table cells, in order, reading
   the XML directly) and check that its non-empty paragraphs are exactly
   the title lines, the 目次 lines and the content lines of expected.json
   (label + text; Word-numbered labels are not in the XML, so they are
   left out there; soft breaks compared as line breaks).
2. Check every content line's text is found in the text of both PDFs
   (pdftotext -raw, content-stream order) and of source.odt (whitespace
   ignored), and that the PDFs hold no replacement or box characters.

Usage: python3 scripts/word-fixtures/verify.py [case ...]
"""
import sys as _sys
_sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import json
import os
import re
import subprocess
import sys
import zipfile

from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "fixtures", "import", "word")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def para_text(p):
    out = []
    for el in p.iter():
        if el.tag == W + "t":
            out.append(el.text or "")
        elif el.tag == W + "br" and el.get(W + "type") in (None, "textWrapping"):
            out.append("\n")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "instrText":
            return None          # a field (not in the body here)
    return "".join(out)


def body_paragraphs(docx):
    with zipfile.ZipFile(docx) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    out = []
    for el in body:
        if el.tag == W + "p":
            t = para_text(el)
            if t and t.strip():
                out.append(("p", t))
        elif el.tag == W + "tbl":
            for tr in el.findall(W + "tr"):
                for tc in tr.findall(W + "tc"):
                    vm = tc.find(f"{W}tcPr/{W}vMerge")
                    if vm is not None and vm.get(W + "val") != "restart":
                        continue    # covered by the cell above
                    for p in tc.findall(W + "p"):
                        t = para_text(p)
                        if t and t.strip():
                            out.append(("cell", t))
    return out


def norm(s):
    return re.sub(r"\s+", "", s)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-raw", path, "-"], capture_output=True, text=True,
                          check=True).stdout


def without_furniture(text, exp):
    out = []
    for page in text.split("\f"):
        ls = [l for l in page.splitlines() if l.strip()]
        while ls and (exp["agency"] in ls[0] or "預算總說明" in ls[0]):
            ls.pop(0)
        if ls and len(norm(ls[-1])) <= 12 and re.search(r"\d", ls[-1]):
            ls.pop()
        out.append("\n".join(ls))
    flat = "\n".join(out)
    for t in exp["tables"]:
        if t["repeat_header"]:
            for row in t["rows"][:t["header_rows"]]:
                head = " ".join(c for c in row if c)
                flat = flat.replace(head, "") if head else flat
                flat = re.sub(r"\s*".join(map(re.escape, norm(head))), "", flat) if head else flat
    return flat


def interleaved(want, flat):
    """want found in flat, or (a cell split over two pages, whose lines
    pdftotext merges with its neighbours') as an in-order subsequence of a
    short stretch of flat starting with want's first characters."""
    if want in flat:
        return True
    start = flat.find(want[:4])
    while start >= 0:
        window = flat[start:start + 4 * len(want) + 120]
        it = iter(window)
        if all(ch in it for ch in want):
            return True
        start = flat.find(want[:4], start + 1)
    return False


def odt_text(path):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("content.xml"))
    return "".join(root.itertext())


RPR_ORDER = ["rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
             "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
             "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight",
             "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
             "eastAsianLayout", "specVanish", "oMath"]
SECT_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
              "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
              "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid",
              "printerSettings", "sectPrChange"]


def order_problems(docx):
    """Children of w:pPr, w:rPr and w:sectPr out of schema order (Word refuses those)."""
    sys.path.insert(0, HERE)
    from docbuild import PPR_ORDER
    ppr = [t[2:] for t in PPR_ORDER]
    out = []
    with zipfile.ZipFile(docx) as z:
        for name in z.namelist():
            if not (name.startswith("word/") and name.endswith(".xml")):
                continue
            root = etree.fromstring(z.read(name))
            for tag, order in (("pPr", ppr), ("rPr", RPR_ORDER), ("sectPr", SECT_ORDER)):
                for el in root.iter(W + tag):
                    kids = [k.tag[len(W):] for k in el if k.tag.startswith(W)]
                    known = [k for k in kids if k in order]
                    idx = [order.index(k) for k in known]
                    if idx != sorted(idx):
                        out.append(f"{name}: {tag} children out of order: {kids}")
    return out


def check(case):
    d = os.path.join(OUT, case)
    exp = json.load(open(os.path.join(d, "expected.json"), encoding="utf-8"))
    want = [("p", t) for t in exp["title_lines"]]
    problems = order_problems(os.path.join(d, "source.docx"))[:5]
    got = body_paragraphs(os.path.join(d, "source.docx"))
    # title lines first, then the 目次 (typed text, leaders vary), then content
    got_titles = got[:len(exp["title_lines"])]
    if [norm(t) for _, t in got_titles] != [norm(t) for _, t in want]:
        problems.append(f"title lines differ: {got_titles}")
    rest = got[len(exp["title_lines"]):]
    toc_heading = [x for x in rest[:1] if norm(x[1]) in ("目次", "目　次".replace("　", ""))]
    rest = rest[len(toc_heading):]
    toc = rest[:len(exp["toc"])]
    for (kind, t), e in zip(toc, exp["toc"]):
        if not norm(t).startswith(norm(e["label"] + e["text"])) or not norm(t).endswith(str(e["page"])):
            problems.append(f"目次 line {t!r} vs {e}")
    rest = rest[len(exp["toc"]):]
    lines = exp["content_lines"]
    i = 0
    for kind, t in rest:
        # a run-in paragraph holds two content lines
        if i >= len(lines):
            problems.append(f"extra paragraph: {t!r}")
            continue
        ln = lines[i]
        typed_label = "" if ln.get("auto_number") else ln["label"]
        exp_text = typed_label + ln.get("raw", ln["text"])
        i += 1
        if ln.get("run_in") and i < len(lines) and lines[i].get("run_in_body"):
            exp_text += lines[i].get("raw", lines[i]["text"])
            i += 1
        if t != exp_text:
            problems.append(f"paragraph {t!r} != expected {exp_text!r}")
    if i != len(lines):
        problems.append(f"{len(lines) - i} expected lines not in the document")
    # every content line in the PDFs and the ODT
    for name, text in (("untagged.pdf", pdf_text(os.path.join(d, "untagged.pdf"))),
                       ("tagged.pdf", pdf_text(os.path.join(d, "tagged.pdf"))),
                       ("source.odt", odt_text(os.path.join(d, "source.odt")))):
        flat = norm(text)
        # a table row split over two pages: drop the page furniture (running
        # head, page number, repeated header row) between its halves
        bare = norm(without_furniture(text, exp)) if name.endswith(".pdf") else flat
        missing = [ln["text"] for ln in lines
                   if norm(ln["text"]) not in flat and not interleaved(norm(ln["text"]), bare)]
        if missing:
            problems.append(f"{name}: {len(missing)} lines not found, e.g. {missing[:3]}")
        if name.endswith(".pdf"):
            # Word-numbered paragraphs: the label LibreOffice drew is the expected one
            wrong = [ln["label"] + ln["text"] for ln in lines if ln.get("auto_number")
                     and not interleaved(norm(ln["label"] + ln["text"]), bare)]
            if wrong:
                problems.append(f"{name}: {len(wrong)} numbered lines not found with their label, "
                                f"e.g. {wrong[:3]}")
        if name.endswith(".pdf"):
            bad = [c for c in text if c in "\ufffd\u25a1"]
            if bad:
                problems.append(f"{name}: replacement/box characters: {len(bad)}")
    # tables: merges and grid shape
    for t in exp["tables"]:
        for r in t["rows"]:
            if len(r) != t["columns"]:
                problems.append(f"table {t['heading']}: row width {len(r)} != {t['columns']}")
    print(f"{case}: {len(got)} paragraphs, {len(lines)} content lines, "
          f"{'OK' if not problems else 'PROBLEMS'}")
    for p in problems:
        print("  ", p)
    return not problems


def main(argv):
    cases = argv or sorted(x for x in os.listdir(OUT) if os.path.isdir(os.path.join(OUT, x)))
    ok = all([check(c) for c in cases])
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
