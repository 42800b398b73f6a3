// The text a PDF viewer gives when all of a booklet is selected and copied:
// pdf.js (the viewer of Firefox, npm `pdfjs-dist`) reads each page's text
// items in the order the PDF draws them, a line break where an item ends a
// line, a blank line after each page. Used by tests/import_pdf.rs to import
// a viewer's copy as agency staff would.
//
// usage: node scripts/viewer-copy.mjs PDFJS_DIR FILE.pdf > FILE.txt
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pdfjsDir, file] = process.argv.slice(2);
if (!pdfjsDir || !file) {
  console.error("usage: node scripts/viewer-copy.mjs PDFJS_DIR FILE.pdf");
  process.exit(2);
}
const lib = path.join(pdfjsDir, "node_modules/pdfjs-dist/legacy/build/pdf.mjs");
const { getDocument } = await import(pathToFileURL(lib).href);
const data = new Uint8Array(fs.readFileSync(file));
const doc = await getDocument({ data, useSystemFonts: false, verbosity: 0 }).promise;
let out = "";
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  const content = await page.getTextContent();
  for (const item of content.items) {
    out += item.str;
    if (item.hasEOL) out += "\n";
  }
  out += "\n";
}
process.stdout.write(out);
