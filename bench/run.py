#!/usr/bin/env python3
"""`make bench`: whole-process timings of handout beside pandoc (and Typst when installed).

Medians over several runs (hyperfine), peak RSS from GNU time, ratios printed at the end.
The corpora are generated here from the bundled handout (bench/corpus.py) and never committed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HANDOUT = REPO / "target" / "release" / "handout"
CORPUS = [sys.executable, str(REPO / "bench" / "corpus.py")]
RUNS = os.environ.get("BENCH_RUNS", "10")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")


def sh(*args, **kw):
    return subprocess.run(args, check=True, env=ENV, **kw)


def median(command, cwd, runs=RUNS, warmup="2"):
    """Median wall seconds of `command` (a shell string) run in `cwd`."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        sh("hyperfine", "--style", "none", "--warmup", warmup, "--runs", runs,
           "--export-json", out.name, command, cwd=cwd, stdout=subprocess.DEVNULL)
        return json.load(open(out.name))["results"][0]["median"]


def peak_rss_mb(command, cwd):
    """Peak resident set size in MB of one run of `command`."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M", "sh", "-c", command],
                            cwd=cwd, env=ENV, capture_output=True, text=True, check=True)
    return int(result.stderr.strip().splitlines()[-1]) / 1024


def main():
    for tool in ("hyperfine", "pandoc"):
        if not shutil.which(tool):
            sys.exit(f"bench: `{tool}` is not installed (apt-get install {tool})")
    typst = shutil.which("typst")
    work = Path(tempfile.mkdtemp(prefix="handout-bench-"))
    single, long_doc = work / "single", work / "long"
    sh(*CORPUS, "single", str(single))
    sh(*CORPUS, "long", "200", str(long_doc))
    for n in (1000, 2000):
        sh(*CORPUS, "handouts", str(n), str(work / f"c{n}"))
    md = "content/relational-therapy.md"
    build = f"{HANDOUT} build -q --out {work}/out"
    rows = []

    def row(name, command, cwd, runs=RUNS):
        seconds = median(command, cwd, runs)
        rss = peak_rss_mb(command, cwd)
        rows.append((name, seconds, rss))
        print(f"{name:<48} {seconds * 1000:9.1f} ms {rss:8.1f} MB", flush=True)
        return seconds

    print(f"machine: {os.cpu_count()} cores; medians of {RUNS} runs after 2 warm-ups\n")
    ours = row("handout: bundled, all formats + checks", build, single)
    pdf = row("handout: bundled, pdf only", f"{build} --format pdf", single)
    epub = row("pandoc: bundled md -> epub", f"pandoc {md} -o {work}/p.epub", single)
    plain = row("pandoc: bundled md -> plain", f"pandoc {md} -t plain -o {work}/p.txt", single)
    if typst:
        typ = work / "single" / "handout.typ"
        sh("pandoc", md, "-t", "typst", "-o", str(typ), cwd=single)
        typst_time = row("typst compile: bundled (.typ from pandoc)", f"typst compile {typ} {work}/t.pdf", single)
    long_ours = row("handout: 0.9 MB source, all formats", build, long_doc, runs="5")
    long_pandoc = row("pandoc: 0.9 MB source md -> epub", f"pandoc {md} -o {work}/p.epub", long_doc, runs="5")
    c1000 = row("handout: 1,000 handouts, all formats", build, work / "c1000", runs="5")
    c2000 = row("handout: 2,000 handouts, all formats", build, work / "c2000", runs="5")
    row("handout: check 1,000 handouts", f"{HANDOUT} check -q", work / "c1000", runs="5")

    print("\nratios (median / median):")
    print(f"  pandoc md->epub / handout all formats  {epub / ours:6.1f}x")
    print(f"  pandoc md->plain / handout all formats {plain / ours:6.1f}x")
    if typst:
        print(f"  typst compile / handout pdf            {typst_time / pdf:6.1f}x")
    print(f"  pandoc 0.9 MB epub / handout 0.9 MB    {long_pandoc / long_ours:6.1f}x")
    print(f"  2,000 handouts / 1,000 handouts        {c2000 / c1000:6.2f}x")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
