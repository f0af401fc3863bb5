#!/usr/bin/env python3
"""`make compare-pages OLD=/path/to/old/handout [NEW=/path/to/new/handout]`: do two handout
binaries make the same pages?

For a change meant to leave the outputs alone (a refactoring, a faster code path) where the
PDF bytes may still move (an object renumbered, a number written with other digits), this
says whether anything a reader sees has changed. It builds the projects `make conformance`
builds, with each binary, into temporary folders, with SOURCE_DATE_EPOCH fixed:

  the bundled project at the repository's root: as configured, with `--paper a4`, and with
  `--layout large-print`; each fixture under tests/fixtures/ (a fixture that must be
  refused, such as missing-glyph, must be refused by both with the same exit code)

always with `--format pdf,epub,text`, and then compares:

  PDF   the page count (pdfinfo); every page rendered by `pdftoppm -r 72` (PPM) and compared
        pixel for pixel, with the number of pixels that differ; every word's box from
        `pdftotext -bbox`, its text the same and each coordinate within 0.01 pt
  EPUB  byte for byte
  text  byte for byte

and that both binaries wrote the same files and exited alike. Whether each PDF is also
byte-identical is printed, for information only. It prints a short summary and exits 0 when
nothing differs, 1 when something does (the work folder, with both builds and the rendered
pages, is then kept and named), 2 when it cannot run (a binary or a poppler tool missing).

Usage: python3 tools/compare-pages.py OLD NEW   (OLD and NEW are handout binaries; or set
the OLD and NEW environment variables). When the change also changed the projects' files (a
layout file gained a key the old binary does not know), set OLD_ROOT to a checkout of the
old revision (`git worktree add /tmp/old REV`): the old binary then builds the same projects
from there. Needs poppler-utils (pdftoppm, pdftotext, pdfinfo).
Comparing a binary with itself must pass.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
# Word boxes may move by this much (pt) and still count as the same.
TOLERANCE = 0.01
# At most this many differing words are printed per page.
SHOWN = 3


def projects():
    """(name, folder relative to the repository, extra build arguments) of every build
    compared."""
    builds = [("(bundled)", Path("."), []),
              ("(bundled) --paper a4", Path("."), ["--paper", "a4"]),
              ("(bundled) --layout large-print", Path("."), ["--layout", "large-print"])]
    for config in sorted(REPO.glob("tests/fixtures/*/handout.yaml")):
        folder = config.parent.relative_to(REPO)
        builds.append((str(folder), folder, []))
    return builds


def build(binary, root, extra, out):
    """Exit code and standard error of one build into `out`."""
    done = subprocess.run([str(binary), "build", "-q", "--out", str(out),
                           "--format", "pdf,epub,text", *extra],
                          cwd=root, env=ENV, capture_output=True, text=True)
    return done.returncode, done.stderr


def files(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()) \
        if folder.is_dir() else []


def page_count(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"(?m)^Pages:\s+(\d+)", info)
    return int(match.group(1)) if match else None


def render(pdf, folder):
    """Every page of `pdf` as PPM files in `folder`, in page order."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "72", str(pdf), str(folder / "page")], check=True)
    # pdftoppm pads the page numbers to one width within a file: names sort in page order.
    return sorted(folder.glob("page-*.ppm"))


def read_ppm(path):
    """(width, height, RGB bytes) of a binary PPM (P6, maxval 255) as pdftoppm writes it."""
    data = path.read_bytes()
    # The header is four tokens (P6, width, height, maxval), then one whitespace byte.
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        if data[at:at + 1] == b"#":
            at = data.index(b"\n", at) + 1
            continue
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    if fields[0] != b"P6" or fields[3] != b"255":
        raise ValueError(f"{path}: not an 8-bit binary PPM")
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[at + 1:at + 1 + width * height * 3]


def differing_pixels(old, new):
    """None when the two pages are the same size and every pixel is the same, else the
    number of pixels that differ (or a description when the sizes differ)."""
    (w1, h1, a), (w2, h2, b) = read_ppm(old), read_ppm(new)
    if (w1, h1) != (w2, h2):
        return f"size {w1}x{h1} against {w2}x{h2}"
    if a == b:
        return None
    row = w1 * 3
    count = 0
    for y in range(h1):
        ra, rb = a[y * row:(y + 1) * row], b[y * row:(y + 1) * row]
        if ra != rb:
            count += sum(1 for x in range(0, row, 3) if ra[x:x + 3] != rb[x:x + 3])
    return count


WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')


def word_boxes(pdf):
    """Per page, the list of (text, (xMin, yMin, xMax, yMax)) from `pdftotext -bbox`."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in html.split("<page ")[1:]:
        pages.append([(m.group(5), tuple(float(m.group(i)) for i in range(1, 5)))
                      for m in WORD.finditer(page)])
    return pages


def compare_words(old, new):
    """Lines describing the pages whose words differ (text, count, or a box by more than
    TOLERANCE)."""
    problems = []
    a, b = word_boxes(old), word_boxes(new)
    for number, (pa, pb) in enumerate(zip(a, b), 1):
        if len(pa) != len(pb):
            problems.append(f"page {number}: {len(pa)} words against {len(pb)}")
        shown = 0
        for i, ((ta, ba), (tb, bb)) in enumerate(zip(pa, pb)):
            moved = max(abs(x - y) for x, y in zip(ba, bb))
            if ta != tb or moved > TOLERANCE:
                if shown < SHOWN:
                    problems.append(f"page {number}, word {i + 1}: {ta!r} at {ba} against "
                                    f"{tb!r} at {bb} ({moved:.4f} pt)")
                shown += 1
        if shown > SHOWN:
            problems.append(f"page {number}: {shown - SHOWN} more words differ")
    return problems


def compare_pdf(old, new, renders):
    """(pages compared, lines describing the differences, byte-identical or not)."""
    problems = []
    na, nb = page_count(old), page_count(new)
    if na != nb:
        problems.append(f"{na} pages against {nb}")
    pa, pb = render(old, renders / "old"), render(new, renders / "new")
    for number, (a, b) in enumerate(zip(pa, pb), 1):
        diff = differing_pixels(a, b)
        if diff is not None:
            problems.append(f"page {number}: {diff} pixels differ" if isinstance(diff, int)
                            else f"page {number}: {diff}")
    problems += compare_words(old, new)
    if not problems:
        shutil.rmtree(renders, ignore_errors=True)
    return min(len(pa), len(pb)), problems, old.read_bytes() == new.read_bytes()


def main():
    args = sys.argv[1:]
    if len(args) == 2:
        old, new = args
    elif not args and os.environ.get("OLD") and os.environ.get("NEW"):
        old, new = os.environ["OLD"], os.environ["NEW"]
    elif args in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    else:
        print("usage: compare-pages.py OLD NEW (two handout binaries; or OLD=... NEW=... in "
              "the environment)", file=sys.stderr)
        return 2
    old, new = Path(old).resolve(), Path(new).resolve()
    for binary in (old, new):
        if not (binary.is_file() and os.access(binary, os.X_OK)):
            print(f"compare-pages: {binary} is not an executable file", file=sys.stderr)
            return 2
    for tool in ("pdftoppm", "pdftotext", "pdfinfo"):
        if not shutil.which(tool):
            print(f"compare-pages: `{tool}` is not installed (Debian: apt-get install "
                  "poppler-utils)", file=sys.stderr)
            return 2

    work = Path(tempfile.mkdtemp(prefix="handout-compare-pages-"))
    print(f"old: {old}\nnew: {new}")
    differences = []  # (build, what, detail)
    counts = {"pdf": 0, "pages": 0, "epub": 0, "text": 0, "same-bytes": 0}
    jobs = []
    old_root = Path(os.environ.get("OLD_ROOT") or REPO).resolve()
    for index, (name, folder, extra) in enumerate(projects()):
        outs = work / f"{index:02d}-old", work / f"{index:02d}-new"
        (code_a, err_a), (code_b, err_b) = (build(old, old_root / folder, extra, outs[0]),
                                            build(new, REPO / folder, extra, outs[1]))
        if code_a != code_b:
            differences.append((name, "build", f"exit {code_a} against {code_b}\n"
                                f"old: {err_a.strip()}\nnew: {err_b.strip()}"))
            print(f"== {name}: DIFFERS (exit {code_a} against {code_b})")
            continue
        if code_a != 0:
            print(f"== {name}: refused by both (exit {code_a})")
            continue
        fa, fb = files(outs[0]), files(outs[1])
        for path in sorted(set(fa) ^ set(fb)):
            differences.append((name, path, "written by " + ("old" if path in fa else "new") + " only"))
        for path in sorted(set(fa) & set(fb)):
            a, b = outs[0] / path, outs[1] / path
            if path.endswith(".pdf"):
                renders = work / f"{index:02d}-pages" / Path(path).stem
                jobs.append((name, path, a, b, renders))
            else:
                counts["epub" if path.endswith(".epub") else "text"] += 1
                if a.read_bytes() != b.read_bytes():
                    differences.append((name, path, "bytes differ (cmp " + f"{a} {b})"))
        print(f"== {name}: {len(fa)} files")

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        results = pool.map(lambda job: (job, compare_pdf(*job[2:])), jobs)
        for (name, path, _, _, _), (pages, problems, same_bytes) in results:
            counts["pdf"] += 1
            counts["pages"] += pages
            counts["same-bytes"] += same_bytes
            for problem in problems:
                differences.append((name, path, problem))

    print(f"\ncompared {len(projects())} builds: {counts['pdf']} PDFs ({counts['pages']} pages, "
          f"{counts['same-bytes']} of the PDFs byte-identical), {counts['epub']} EPUBs, "
          f"{counts['text']} text files")
    if not differences:
        shutil.rmtree(work, ignore_errors=True)
        print("same pages, same words, same EPUB and text bytes")
        return 0
    for name, what, detail in differences:
        print(f"DIFFERS {name}: {what}: {detail}")
    print(f"\n{len(differences)} differences; both builds and the differing pages' renders "
          f"are kept in {work}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
