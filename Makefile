# handout: build the bundled handouts, run the tests.
CARGO ?= cargo

# PROFILE: the cargo profile of the binary that build, conformance and bench use. `release`
# (the default) has thin LTO: a first build from clean takes about two and a half minutes
# on two cores. `dist` (make dist) has fat LTO and one codegen unit: a smaller binary and a
# few hundredths of a millisecond off each bundled build, for a build about twice as long.
# docs/PERFORMANCE.md has the figures.
PROFILE ?= release
# On Linux with glibc the binary is linked statically, as a static PIE (`+crt-static` with
# the default relocation model): it starts without loading shared libraries and runs on any
# distribution, and its image is still placed at a random address (it relocates itself at
# start, which costs little). The explicit --target keeps the flags off build scripts and
# procedural macros, which must stay dynamic.
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)
HOST := $(shell rustc -vV 2>/dev/null | sed -n 's/^host: //p')
ifneq ($(filter %-linux-gnu,$(HOST)),)
RELEASE := --profile $(PROFILE) --target $(HOST)
RELEASE_ENV := CARGO_TARGET_$(shell echo $(HOST) | tr 'a-z-' 'A-Z_')_RUSTFLAGS="-C target-feature=+crt-static"
BIN := $(TARGET_DIR)/$(HOST)/$(PROFILE)/handout
else
RELEASE := --profile $(PROFILE)
BIN := $(TARGET_DIR)/$(PROFILE)/handout
endif

.PHONY: build dist binary where test conformance compare-pages bench fuzz clean screenshots

## build: compile handout (release) and build the bundled content into dist/; the outputs are
## dated by SOURCE_DATE_EPOCH, else by the last commit, so every clone builds the same bytes
build: binary
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} $(BIN) build .

## dist: the binary to distribute, with the dist profile (fat LTO, one codegen unit)
dist:
	$(MAKE) --no-print-directory PROFILE=dist binary where

## binary: compile handout only, with PROFILE; where: print the binary's path
binary:
	$(RELEASE_ENV) $(CARGO) build $(RELEASE) --locked
where:
	@echo $(BIN)

## test: unit and integration tests, formatting and lints
test:
	$(CARGO) test --locked
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## conformance: every output of the bundled and fixture projects, checked by EPUBCheck,
## DAISY Ace, qpdf and poppler (needs what .ci/run installs)
conformance: binary
	HANDOUT=$(BIN) python3 tools/conformance.py

## compare-pages: OLD=/path/to/old/handout [NEW=/path/to/new/handout]: do two binaries make
## the same pages (pdftoppm pixels, pdftotext word boxes) and the same EPUB and text bytes, for
## every project conformance builds? NEW defaults to the binary built here
# The `binary` prerequisite is only built when NEW is not given.
compare-pages: $(if $(NEW),,binary)
	@test -n "$(OLD)" || { echo "make compare-pages: give OLD=/path/to/old/handout"; exit 2; }
	python3 tools/compare-pages.py "$(OLD)" "$(or $(NEW),$(BIN))"

## fuzz: coverage-guided fuzzing of the whole pipeline for FUZZ_SECONDS (needs cargo-fuzz;
## RUSTC_BOOTSTRAP lets the stable toolchain accept the sanitizer flags cargo-fuzz passes)
FUZZ_SECONDS ?= 900
fuzz:
	mkdir -p fuzz/corpus/pipeline
	cp fuzz/seeds/* fuzz/corpus/pipeline/
	cd fuzz && SOURCE_DATE_EPOCH=1 RUSTC_BOOTSTRAP=1 cargo fuzz run -O pipeline corpus/pipeline -- \
		-max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 -max_len=65536

## bench: whole-process timings beside pandoc and Typst (bench/run.py, docs/PERFORMANCE.md)
bench: binary
	HANDOUT=$(BIN) python3 bench/run.py

## screenshots: PNG of page 1 of the bundled handout's PDF, and of the test booklet's cover,
## contents and first printed sheet (pdftoppm, from poppler-utils)
screenshots: build
	mkdir -p docs/images
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/pdf/relational-therapy.pdf docs/images/relational-therapy-page-1
	out=$$(mktemp -d) && \
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} \
	  $(BIN) build -q tests/fixtures/booklet --format pdf --out $$out && \
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile $$out/pdf/booklets/first-steps.pdf docs/images/booklet-cover && \
	pdftoppm -png -r 60 -f 2 -l 2 -singlefile $$out/pdf/booklets/first-steps.pdf docs/images/booklet-contents && \
	pdftoppm -png -r 50 -f 2 -l 2 -singlefile $$out/pdf/booklets/first-steps.print.pdf docs/images/booklet-sheet; \
	status=$$?; rm -rf $$out; exit $$status

## clean: remove build products and outputs
clean:
	$(CARGO) clean
	rm -rf dist
