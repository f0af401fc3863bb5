#!/usr/bin/env python3
"""Generates benchmark projects from the bundled handout (never committed: made at bench time).

  corpus.py handouts N DIR   N handouts with varied sections and lengths
  corpus.py booklet N DIR    N handouts as above, bound in one listed booklet (printed)
  corpus.py single DIR       the bundled handout alone
  corpus.py long COPIES DIR  one handout made of COPIES copies of the bundled body
  corpus.py typst COPIES DIR handout.typ: the same text as Typst markup, set in the bundled
                             font and page size, for `typst compile --font-path fonts`
  corpus.py chinese DIR      the Chinese fixture handout, with the system's Noto Sans CJK
                             files in DIR/fonts (named in `fonts:`), and handout.typ of it
"""
import random
import re
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = (REPO / "content" / "relational-therapy.md").read_text(encoding="utf-8")
CONFIG = (REPO / "handout.yaml").read_text(encoding="utf-8")


def split(source):
    """Front matter lines, then the body's `##` sections as (heading, text) pairs."""
    _, front, body = source.split("---\n", 2)
    parts = re.split(r"(?m)^## ", body)
    sections = [tuple(p.split("\n", 1)) for p in parts[1:]]
    return front, sections


def project(dir_path, config=CONFIG):
    dir_path = Path(dir_path)
    if dir_path.exists():
        shutil.rmtree(dir_path)
    (dir_path / "content").mkdir(parents=True)
    # Booklets name the bundled slug; generated projects bind every handout instead.
    config = re.sub(r"(?ms)^booklets:.*", "", config)
    (dir_path / "handout.yaml").write_text(config, encoding="utf-8")
    return dir_path


def handouts(count, dir_path):
    root = project(dir_path)
    front, sections = split(SOURCE)
    rng = random.Random(20261126)
    for i in range(count):
        title = f"Relational Therapy {i + 1}"
        parts = []
        for heading, text in sections:
            paragraphs = [p for p in text.split("\n\n") if p.strip()]
            extra = [rng.choice(paragraphs) for _ in range(rng.randrange(0, 3))]
            body = "\n\n".join(paragraphs[: max(1, rng.randrange(1, len(paragraphs) + 1))] + extra)
            parts.append(f"## {heading}\n\n{body}\n")
        if rng.random() < 0.3:
            heading, text = rng.choice(sections)
            parts.append(f"## More about {heading.lower()}\n\n{text}")
        fm = front.replace("title: Relational Therapy", f"title: {title}")
        (root / "content" / f"handout-{i + 1:04}.md").write_text(
            f"---\n{fm}---\n\n" + "\n".join(parts), encoding="utf-8"
        )


def booklet(count, dir_path):
    handouts(count, dir_path)
    slugs = ", ".join(f"handout-{i + 1:04}" for i in range(count))
    config = Path(dir_path) / "handout.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      + f"booklets:\n  - {{ id: all, title: Every handout, handouts: [{slugs}] }}\n",
                      encoding="utf-8")


def single(dir_path):
    root = project(dir_path, CONFIG)
    (root / "content" / "relational-therapy.md").write_text(SOURCE, encoding="utf-8")


def long(copies, dir_path):
    root = project(dir_path)
    front, body = SOURCE.split("---\n", 2)[1:]
    body = body.replace("# Relational Therapy\n", "", 1)
    (root / "content" / "relational-therapy.md").write_text(
        f"---\n{front}---\n\n# Relational Therapy\n" + body * copies, encoding="utf-8"
    )


TYPST_SPECIAL = re.compile(r"([\\#$*_@<>`\[\]=~/])")


def typst_inline(text):
    """Markdown inline text (plain words and `<https://…>` autolinks) as Typst markup."""
    parts = re.split(r"<(https?://[^>]+)>", text)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(f'#link("{part}")')
        else:
            out.append(TYPST_SPECIAL.sub(r"\\\1", part))
    return "".join(out)


def typst_body(body):
    """Markdown headings, paragraphs and lists as Typst markup."""
    lines = []
    for line in body.splitlines():
        heading = re.match(r"(#+) (.*)", line)
        numbered = re.match(r"\d+\. (.*)", line)
        if heading:
            lines.append("=" * len(heading.group(1)) + " " + typst_inline(heading.group(2)))
        elif line.startswith("- "):
            lines.append("- " + typst_inline(line[2:]))
        elif numbered:
            lines.append("+ " + typst_inline(numbered.group(1)))
        else:
            lines.append(typst_inline(line))
    return "\n".join(lines) + "\n"


CJK = Path("/usr/share/fonts/opentype/noto")


def chinese(dir_path):
    """The Chinese fixture as a project whose `fonts/` holds Debian's Noto Sans CJK files,
    and the same text as `handout.typ` in the same faces, for `typst compile --font-path`."""
    files = [CJK / f"NotoSansCJK-{w}.ttc" for w in ("Regular", "Bold")]
    if not all(f.exists() for f in files):
        sys.exit("the Chinese case needs Noto Sans CJK (apt install fonts-noto-cjk)")
    root = project(dir_path, "formats: [pdf]\nfonts:\n  zh: [Noto Sans CJK SC]\n")
    (root / "fonts").mkdir()
    for f in files:
        shutil.copy(f, root / "fonts" / f.name)
    source = (REPO / "tests/fixtures/scripts-cjk/content/vaccine-zh.md").read_text(encoding="utf-8")
    (root / "content" / "vaccine-zh.md").write_text(source, encoding="utf-8")
    head = (
        '#set page(paper: "us-letter", numbering: "1 / 1",\n'
        "  margin: (top: 61.2pt, bottom: 72pt, x: 64.8pt))\n"
        '#set text(font: ("Atkinson Hyperlegible Next", "Noto Sans CJK SC"), size: 12pt, lang: "zh")\n'
    )
    body = source.split("---\n", 2)[2]
    (root / "handout.typ").write_text(head + typst_body(body), encoding="utf-8")


def typst(copies, dir_path):
    """The bundled handout's body `copies` times as a `.typ` file: headings, paragraphs and
    lists as the Markdown has them, with the margins, font and body size of the default PDF
    layout (`layouts/pdf/default.yaml`) and a numbered footer."""
    body = SOURCE.split("---\n", 2)[2].replace("# Relational Therapy\n", "", 1)
    text = typst_body(body)
    head = (
        '#set page(paper: "us-letter", numbering: "1 / 1",\n'
        "  margin: (top: 61.2pt, bottom: 72pt, x: 64.8pt))\n"
        '#set text(font: "Atkinson Hyperlegible Next", size: 12pt, lang: "en")\n'
        "= Relational Therapy\n"
    )
    Path(dir_path).mkdir(parents=True, exist_ok=True)
    (Path(dir_path) / "handout.typ").write_text(head + text * copies, encoding="utf-8")


if __name__ == "__main__":
    kind = sys.argv[1]
    if kind == "handouts":
        handouts(int(sys.argv[2]), sys.argv[3])
    elif kind == "booklet":
        booklet(int(sys.argv[2]), sys.argv[3])
    elif kind == "single":
        single(sys.argv[2])
    elif kind == "long":
        long(int(sys.argv[2]), sys.argv[3])
    elif kind == "typst":
        typst(int(sys.argv[2]), sys.argv[3])
    elif kind == "chinese":
        chinese(sys.argv[2])
    else:
        sys.exit(__doc__)
