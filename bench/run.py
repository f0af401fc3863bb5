#!/usr/bin/env python3
"""`make bench`: whole-process timings of handout beside pandoc (and Typst when installed).

Typst runs as `typst compile --ignore-system-fonts --font-path fonts`: it reads the bundled
fonts only, as handout does, so its time does not include scanning the machine's fonts.

Medians over several runs (hyperfine, no shell in between), peak RSS from one run under GNU
time (`/usr/bin/time -v`), the ratios to the peers measured in the same run, and each target
of docs/PERFORMANCE.md as met or missed. The bundled handout's cases and their peers, and
the two corpora, run in alternating batches, so that a slow spell of the machine falls on
both sides of a ratio alike. The corpora are generated here from the bundled handout
(bench/corpus.py) in a temporary folder and removed afterwards.

Environment: BENCH_RUNS (runs of the small cases, default 30), BENCH_LARGE_RUNS (runs of the
0.9 MB source and the corpora, default 5), HANDOUT (the binary, default target/release).
"""
import json
import os
import statistics
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# HANDOUT: the binary (relative to the repository), as `make` built it.
HANDOUT = REPO / os.environ.get("HANDOUT", "target/release/handout")
CORPUS = [sys.executable, str(REPO / "bench" / "corpus.py")]
RUNS = os.environ.get("BENCH_RUNS", "30")
LARGE_RUNS = os.environ.get("BENCH_LARGE_RUNS", "5")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
MD = "content/relational-therapy.md"


def sh(*args, **kw):
    return subprocess.run(args, check=True, env=ENV, **kw)


def times(command, cwd, runs):
    """Wall seconds of each of `runs` runs of `command` in `cwd`, after one warm-up run."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        sh("hyperfine", "--style", "none", "--shell=none", "--warmup", "1", "--runs", str(runs),
           "--export-json", out.name, command, cwd=cwd, stdout=subprocess.DEVNULL)
        with open(out.name, encoding="utf-8") as f:
            return json.load(f)["results"][0]["times"]


def median(command, cwd, runs):
    """Median wall seconds of `command` run in `cwd`, after one warm-up run."""
    return statistics.median(times(command, cwd, runs))


BATCHES = 6


def batched(runs):
    """`runs` rounded down to whole batches, at least one run per batch."""
    return max(1, int(runs) // BATCHES) * BATCHES


def interleaved_medians(cases, runs):
    """Median wall seconds of each (command, folder) case, run in BATCHES batches taking
    turns (forwards, then backwards), `batched(runs)` runs each in all."""
    per_batch = batched(runs) // BATCHES
    measured = [[] for _ in cases]
    for batch in range(BATCHES):
        order = list(enumerate(cases))
        for i, (command, cwd) in order if batch % 2 == 0 else reversed(order):
            measured[i].extend(times(command, cwd, per_batch))
    return [statistics.median(m) for m in measured]


def peak_rss_mb(command, cwd):
    """Peak resident set size in MB of one run of `command`, from `/usr/bin/time -v`."""
    result = subprocess.run(["/usr/bin/time", "-v", *shlex.split(command)],
                            cwd=cwd, env=ENV, capture_output=True, text=True, check=True)
    for line in result.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.rsplit(":", 1)[1]) / 1024
    sys.exit(f"bench: /usr/bin/time -v gave no peak RSS for {command}")


def load():
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class Table:
    """The measured rows, printed as they come."""

    def __init__(self):
        self.rows = {}

    def row(self, key, name, command, cwd, runs, seconds=None):
        if seconds is None:
            seconds = median(command, cwd, runs)
        rss = peak_rss_mb(command, cwd)
        self.rows[key] = (seconds, rss)
        print(f"| {name:<46} | {seconds * 1000:10.1f} ms | {rss:7.1f} MB | {runs:>4} |", flush=True)

    def time(self, key):
        return self.rows[key][0]

    def rss(self, key):
        return self.rows[key][1]


def verdict(name, value, limit, unit, at_least=False):
    """One target line: met, or missed and by how much."""
    met = value >= limit if at_least else value <= limit
    if met:
        state = "met"
    elif at_least:
        state = f"MISSED: {limit / value:.2f}x short"
    else:
        state = f"MISSED by {value - limit:.3g} {unit} ({value / limit:.2f}x the target)"
    sign = ">=" if at_least else "<="
    print(f"  {name:<42} {value:9.3g} {unit:<2} {sign} {limit:g} {unit:<2}  {state}")


def main():
    for tool in ("hyperfine", "pandoc", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit(f"bench: `{tool}` is not installed (Debian: apt-get install "
                     f"{'time' if tool.startswith('/') else tool})")
    if not HANDOUT.is_file():
        sys.exit(f"bench: no {HANDOUT}; run `cargo build --release` first (`make bench` does)")
    typst = shutil.which("typst")
    work = Path(tempfile.mkdtemp(prefix="handout-bench-"))
    try:
        run(work, typst)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work, typst):
    single, long_doc = work / "single", work / "long"
    sh(*CORPUS, "single", str(single))
    sh(*CORPUS, "long", "200", str(long_doc))
    sh(*CORPUS, "typst", "1", str(single))
    sh(*CORPUS, "typst", "200", str(long_doc))
    for n in (1000, 2000):
        sh(*CORPUS, "handouts", str(n), str(work / f"c{n}"))
    chinese = work / "zh"
    sh(*CORPUS, "chinese", str(chinese))
    bound = work / "booklet"
    sh(*CORPUS, "booklet", "20", str(bound))
    build = f"{HANDOUT} build -q --out {work}/out"
    # --ignore-system-fonts: Typst then reads only the bundled fonts, as handout does, instead
    # of scanning every font installed on the machine at each start (which the bundled
    # document never uses).
    typst_compile = (f"typst compile --ignore-system-fonts --font-path {REPO / 'fonts'} "
                     f"handout.typ {work}/t.pdf")
    size = (long_doc / MD).stat().st_size / 1e6

    print(f"machine: {os.cpu_count()} cores; load average {load()} at the start")
    print(f"peers: {subprocess.run(['pandoc', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}"
          + (f"; {subprocess.run([typst, '--version'], capture_output=True, text=True).stdout.strip()}"
             if typst else "; typst not installed (cargo install typst-cli --locked)"))
    if typst:
        # The command line as run, so that a table pasted elsewhere says how Typst ran.
        print(f"typst as run: {typst_compile.replace(str(work), '$WORK')}")
    print("medians of N runs after one warm-up (the bundled cases, and the two corpora, in "
          f"{BATCHES} alternating batches, each after one warm-up); peak RSS of one run\n")
    print(f"| {'case':<46} | {'median':>13} | {'peak RSS':>10} | {'N':>4} |")
    print(f"|{'-' * 48}|{'-' * 14}:|{'-' * 11}:|{'-' * 5}:|")
    t = Table()
    bundled = [
        ("ours", "handout: bundled, all formats + checks", build),
        ("pdf", "handout: bundled, pdf only", f"{build} --format pdf"),
        ("epub", "pandoc: bundled md -> epub", f"pandoc {MD} -o {work}/p.epub"),
        ("plain", "pandoc: bundled md -> plain", f"pandoc {MD} -t plain -o {work}/p.txt"),
    ]
    if typst:
        bundled.append(("typst", "typst compile: bundled (.typ)", typst_compile))
    medians = interleaved_medians([(command, single) for _, _, command in bundled], RUNS)
    for (key, name, command), seconds in zip(bundled, medians):
        t.row(key, name, command, single, batched(RUNS), seconds)
    t.row("long", f"handout: {size:.1f} MB source, all formats", build, long_doc, LARGE_RUNS)
    t.row("long-pdf", f"handout: {size:.1f} MB source, pdf only", f"{build} --format pdf",
          long_doc, LARGE_RUNS)
    t.row("long-epub", f"pandoc: {size:.1f} MB source md -> epub",
          f"pandoc {MD} -o {work}/p.epub", long_doc, LARGE_RUNS)
    if typst:
        t.row("long-typst", f"typst compile: {size:.1f} MB source (.typ)", typst_compile,
              long_doc, LARGE_RUNS)
    # The two corpora take turns too, for the ratio of their times.
    corpora = interleaved_medians([(build, work / "c1000"), (build, work / "c2000")],
                                  LARGE_RUNS)
    t.row("c1000", "handout: 1,000 handouts, all formats", build, work / "c1000",
          batched(LARGE_RUNS), corpora[0])
    t.row("c1000-pdf", "handout: 1,000 handouts, pdf only", f"{build} --format pdf",
          work / "c1000", LARGE_RUNS)
    t.row("c2000", "handout: 2,000 handouts, all formats", build, work / "c2000",
          batched(LARGE_RUNS), corpora[1])
    t.row("check", "handout: check 1,000 handouts", f"{HANDOUT} check -q", work / "c1000",
          LARGE_RUNS)
    # Chinese in Noto Sans CJK SC: both read the same files from the project's fonts/.
    zh = [("zh", "handout: Chinese handout, pdf", build)]
    if typst:
        zh.append(("zh-typst", "typst compile: Chinese handout (.typ)",
                   f"typst compile --ignore-system-fonts --font-path {chinese / 'fonts'} "
                   f"--font-path {REPO / 'fonts'} handout.typ {work}/zh.pdf"))
    for (key, name, command), seconds in zip(zh, interleaved_medians(
            [(command, chinese) for _, _, command in zh], RUNS)):
        t.row(key, name, command, chinese, batched(RUNS), seconds)
    # A print booklet of 20 handouts: their PDFs, the booklet and its imposed print file.
    t.row("booklet", "handout: 20-handout booklet + print file, pdf", f"{build} --format pdf",
          bound, RUNS)
    print(f"\nload average {load()} at the end")

    print("\nratios (peer median / handout median):")
    print(f"  pandoc md->epub  / handout all formats      {t.time('epub') / t.time('ours'):6.1f}x")
    print(f"  pandoc md->plain / handout all formats      {t.time('plain') / t.time('ours'):6.1f}x")
    if typst:
        print(f"  typst compile    / handout pdf              {t.time('typst') / t.time('pdf'):6.1f}x")
        print(f"  typst {size:.1f} MB   / handout {size:.1f} MB all formats "
              f"{t.time('long-typst') / t.time('long'):6.1f}x")
    print(f"  pandoc {size:.1f} MB epub / handout {size:.1f} MB all formats "
          f"{t.time('long-epub') / t.time('long'):6.1f}x")
    if typst:
        print(f"  typst Chinese    / handout Chinese pdf      {t.time('zh-typst') / t.time('zh'):6.1f}x")
    print(f"  2,000 handouts / 1,000 handouts            {t.time('c2000') / t.time('c1000'):6.2f}x")

    print("\ntargets:")
    verdict("bundled, all formats + checks (ms)", t.time("ours") * 1000, 8, "ms")
    verdict("pandoc md->epub / bundled all formats", t.time("epub") / t.time("ours"), 8, "x",
            at_least=True)
    if typst:
        verdict("typst compile / bundled pdf", t.time("typst") / t.time("pdf"), 3, "x",
                at_least=True)
    else:
        print(f"  {'typst compile / bundled pdf':<42} not measured: typst is not installed")
    if typst:
        verdict("typst compile / Chinese pdf", t.time("zh-typst") / t.time("zh"), 3, "x",
                at_least=True)
    verdict("bundled pdf peak RSS (MB)", t.rss("pdf"), 20, "MB")
    verdict(f"{size:.1f} MB source, all formats (s)", t.time("long"), 0.5, "s")
    verdict("1,000 handouts, all formats (s)", t.time("c1000"), 5, "s")
    verdict("1,000 handouts peak RSS (MB)", t.rss("c1000"), 200, "MB")
    verdict("2,000 / 1,000 handouts (x)", t.time("c2000") / t.time("c1000"), 2.1, "x")
    verdict("check 1,000 handouts (s)", t.time("check"), 1, "s")
    verdict("20-handout booklet + print file, pdf (ms)", t.time("booklet") * 1000, 100, "ms")


if __name__ == "__main__":
    main()
