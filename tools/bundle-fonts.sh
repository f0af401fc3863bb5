#!/usr/bin/env bash
# Remakes the fallback faces in fonts/ from Debian's packages: Noto Sans (four styles) and
# Noto Sans Symbols 2 whole, Noto Sans Math cut to its arrows and operators, Symbola cut to
# its symbol and emoji blocks (both with the space and the no-break space); hinting removed
# (a PDF is not rendered by the hinter), every OpenType feature kept. Needs fonts-noto-core, fonts-symbola and fonttools (pyftsubset).
set -euo pipefail
cd "$(dirname "$0")/../fonts"
noto=/usr/share/fonts/truetype/noto
symbola=/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf
keep=(--layout-features='*' --no-hinting --name-IDs='*' --name-languages='*' --notdef-outline)
for style in Regular Bold Italic BoldItalic; do
  pyftsubset "$noto/NotoSans-$style.ttf" --unicodes='*' "${keep[@]}" --output-file="NotoSans-$style.ttf"
done
pyftsubset "$noto/NotoSansSymbols2-Regular.ttf" --unicodes='*' "${keep[@]}" \
  --output-file=NotoSansSymbols2-Regular.ttf
pyftsubset "$noto/NotoSansMath-Regular.ttf" "${keep[@]}" --output-file=NotoSansMath-Regular.ttf \
  --unicodes='U+0020,U+00A0,U+2190-23FF,U+27C0-27FF,U+2900-2AFF'
pyftsubset "$symbola" "${keep[@]}" --output-file=Symbola.ttf \
  --unicodes='U+0020,U+00A0,U+2190-21FF,U+2300-23FF,U+2460-24FF,U+25A0-27BF,U+2900-297F,U+2B00-2BFF,U+3030,U+303D,U+3297,U+3299,U+1F000-1FAFF,U+FE0E,U+FE0F,U+200D,U+20E3,U+E0020-E007F'
ls -l NotoSans*.ttf Symbola.ttf
