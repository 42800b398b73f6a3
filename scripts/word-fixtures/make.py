#!/usr/bin/env python3
"""Build the Word-made import fixtures under tests/fixtures/import/word/.

For every case: write source.docx with python-docx (as a clerk would type
it in Word), convert it with LibreOffice to source.odt, untagged.pdf and
tagged.pdf, and write expected.json (the ground truth recorded while the
document was written).  The typed 目次 needs page numbers: a first build is
converted to PDF, each heading is looked up in it, and the document is built
again with those numbers.

Needs: python-docx; LibreOffice Writer (soffice); poppler-utils (pdftotext,
pdfinfo); fonts-arphic-ukai and fonts-arphic-uming.  fonts.conf beside this
script maps 標楷體 / 新細明體 to the AR PL fonts while LibreOffice runs.

Usage: python3 scripts/word-fixtures/make.py [case ...]
"""
import sys as _sys
_sys.dont_write_bytecode = True  # keep __pycache__ out of the repo
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "tests", "fixtures", "import", "word")

CASES = {
    "ocean-council": "case_ocean",
    "culture-heritage": "case_culture",
    "county-environment": "case_county",
    "agri-institute": "case_agri",
}

TAGGED = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
UNTAGGED = "pdf"


def soffice(target, src, outdir, profile):
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = os.path.join(HERE, "fonts.conf")
    cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
           "--convert-to", target, "--outdir", outdir, src]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if r.returncode != 0:
        raise SystemExit(f"soffice failed: {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")


def pdf_pages(pdf):
    txt = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                         text=True, check=True).stdout
    pages = txt.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def norm(s):
    return re.sub(r"\s+", "", s)


FOOTER = re.compile(r"^[\s－\-第]*(\d+)[\s－\-頁]*(，共\s*\d+\s*頁)?\s*$")


def printed_number(page_text):
    """The page number printed in the footer: the lowest line that is only a
    number, with － N －, - N -, 第 N 頁 or 第 N 頁，共 M 頁 around it."""
    for line in reversed([l for l in page_text.splitlines() if l.strip()]):
        m = FOOTER.match(line)
        if m:
            return int(m.group(1))
    return None


def find_toc_pages(booklet, pdf):
    """Printed page number of each 目次 entry, looked up in the PDF."""
    pages = pdf_pages(pdf)
    # search only after the 目次 page(s): a long entry may leave no room for leaders
    last_toc = max(i for i, t in enumerate(pages) if "目次" in norm(t))
    found = {}
    for i, e in enumerate(booklet.toc):
        want = norm(e["label"] + e["text"])
        for text in pages[last_toc + 1:]:
            hit = False
            for line in text.splitlines():
                n = norm(line)
                if "…" in n or "...." in n:
                    continue          # a 目次 line itself
                if n.startswith(want):
                    hit = True
                    break
            if hit:
                found[i] = printed_number(text)
                break
        if i not in found:
            raise SystemExit(f"目次 entry not found in PDF: {e}")
    return found


def build_case(name, module, profile, log):
    t0 = time.time()
    case_dir = os.path.join(OUT, name)
    os.makedirs(case_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=f"wf-{name}-")
    try:
        b = module.build()
        if b.toc:
            # pass 1: find where each heading lands
            first = os.path.join(tmp, "source.docx")
            b.doc.save(first)
            soffice(UNTAGGED, first, tmp, profile)
            pages = find_toc_pages(b, os.path.join(tmp, "source.pdf"))
            b = module.build(pages=pages)
        docx = os.path.join(case_dir, "source.docx")
        b.doc.save(docx)
        soffice("odt", docx, case_dir, profile)
        soffice(UNTAGGED, docx, tmp, profile)
        shutil.move(os.path.join(tmp, "source.pdf"), os.path.join(case_dir, "untagged.pdf"))
        soffice(TAGGED, docx, tmp, profile)
        shutil.move(os.path.join(tmp, "source.pdf"), os.path.join(case_dir, "tagged.pdf"))
        # check the 目次 against the final PDF
        if b.toc:
            final = find_toc_pages(b, os.path.join(case_dir, "untagged.pdf"))
            typed = {i: e["page"] for i, e in enumerate(b.toc)}
            if final != typed:
                raise SystemExit(f"{name}: 目次 pages {typed} but PDF has {final}")
        npages = len(pdf_pages(os.path.join(case_dir, "untagged.pdf")))
        exp = b.expected(module.NUMBERING, {
            "case": name,
            "features": module.FEATURES,
            "pdf_pages": npages,
            "made_by": "scripts/word-fixtures/make.py (python-docx, then LibreOffice)",
        })
        with open(os.path.join(case_dir, "expected.json"), "w", encoding="utf-8") as f:
            json.dump(exp, f, ensure_ascii=False, indent=1)
            f.write("\n")
        log(f"{name}: {npages} pages, {len(b.lines)} content lines, {len(b.tables)} tables, "
            f"{time.time() - t0:.1f}s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    names = argv or list(CASES)
    profile = tempfile.mkdtemp(prefix="wf-lo-profile-")
    t0 = time.time()
    try:
        for name in names:
            build_case(name, importlib.import_module(CASES[name]), profile, print)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    print(f"total {time.time() - t0:.1f}s")


if __name__ == "__main__":
    main(sys.argv[1:])
