# booklet: typeset budget booklets from input bundles.
# Run `just` to list the recipes. Get just with `cargo install just`.

set shell := ["bash", "-euo", "pipefail", "-c"]

# The release binary, built on demand by cargo.
booklet := "cargo run --release --quiet --"

# List the recipes.
default:
    @just --list --unsorted

# Build every bundle under inputs/ into out/ (PDF and workbook).
[group('build')]
build *ARGS:
    {{booklet}} build inputs {{ARGS}}

# Build one bundle, inputs/NAME, into out/NAME.pdf.
[group('build')]
booklet NAME *ARGS:
    {{booklet}} build inputs/{{NAME}} {{ARGS}}

# Build one bundle and keep the generated Typst source beside the PDF.
[group('build')]
typst NAME:
    {{booklet}} build inputs/{{NAME}} --keep-typst

# Compare two bundles (older first): out/NEW-vs-OLD.pdf and .xlsx, what changed.
[group('build')]
compare OLD NEW *ARGS:
    {{booklet}} compare {{OLD}} {{NEW}} {{ARGS}}

# Draft inputs/NAME from last year's booklet (a .docx, .odt, PDF or its text): just import last-year.pdf mol-110
[group('build')]
import FILE NAME:
    {{booklet}} import {{FILE}} --out inputs/{{NAME}}

# Validate every bundle under inputs/ without writing anything.
[group('check')]
check *ARGS:
    {{booklet}} check inputs {{ARGS}}

# Run the test suite (what CI runs).
[group('check')]
test *ARGS:
    cargo test --release {{ARGS}}

# Render pages of a built booklet as PNG for a look: just pages mol-109 1 3
[group('check')]
pages NAME FIRST="1" LAST="3":
    mkdir -p out/pages
    pdftoppm -r 60 -f {{FIRST}} -l {{LAST}} -png out/{{NAME}}.pdf out/pages/{{NAME}}

# Remove everything in out/.
[group('maintenance')]
clean:
    rm -rf out

# Check the web editions in headless Chromium with axe-core (WCAG 2.1 A/AA) at 390 px.
[group('check')]
web-check:
    cargo test --release --test browser -- --nocapture

# Renew the reference images of tests/visual after a deliberate change of the look.
[group('check')]
bless:
    BLESS=1 cargo test --release --test print --test shapes -- pages_look_as_approved look_as_approved

# Fuzz: mutated copies of the real bundle through the pipeline, checking that nothing panics.
[group('check')]
fuzz CASES="100000":
    FUZZ_CASES={{CASES}} cargo test --release --test fuzz -- --ignored --nocapture

# Rebuild inputs/NAME on every change of its files or the templates.
[group('build')]
watch NAME:
    {{booklet}} watch inputs/{{NAME}}

# Benchmark the pipeline: stages, cold booklet, stock typst-cli, batch, watch, memory.
[group('check')]
bench RUNS="11": typst-cli
    cargo build --release
    BENCH_RUNS={{RUNS}} cargo bench --bench pipeline

# Install the stock typst-cli 0.15.1 into .cache/ (git-ignored), for `just bench` to compare against.
[group('maintenance')]
typst-cli:
    test -x .cache/typst-cli/bin/typst || CARGO_TARGET_DIR=.cache/typst-cli-build cargo install typst-cli --version 0.15.1 --locked --root .cache/typst-cli
