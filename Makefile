# handout: build the bundled handouts, run the tests.
CARGO ?= cargo

# On Linux with glibc the release binary is linked statically and at a fixed address (as Go
# links its programs): it starts without loading shared libraries or relocating itself (0.6
# ms here, over a tenth of building the bundled handout) and runs on any distribution. The
# program image is then not placed at a random address (heap and stacks still are). The
# explicit --target keeps the flags off build scripts and procedural macros, which must stay
# dynamic.
HOST := $(shell rustc -vV 2>/dev/null | sed -n 's/^host: //p')
ifneq ($(filter %-linux-gnu,$(HOST)),)
RELEASE := --release --target $(HOST)
RELEASE_ENV := CARGO_TARGET_$(shell echo $(HOST) | tr 'a-z-' 'A-Z_')_RUSTFLAGS="-C target-feature=+crt-static -C relocation-model=static"
BIN := target/$(HOST)/release/handout
else
RELEASE := --release
BIN := target/release/handout
endif

.PHONY: build test conformance bench fuzz clean screenshots

## build: compile handout (release) and build the bundled content into dist/; the outputs are
## dated by SOURCE_DATE_EPOCH, else by the last commit, so every clone builds the same bytes
build:
	$(RELEASE_ENV) $(CARGO) build $(RELEASE) --locked
	SOURCE_DATE_EPOCH=$${SOURCE_DATE_EPOCH:-$$(git log -1 --format=%ct 2>/dev/null)} $(BIN) build .

## test: unit and integration tests, formatting and lints
test:
	$(CARGO) test --locked
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## conformance: every output of the bundled and fixture projects, checked by EPUBCheck,
## DAISY Ace, qpdf and poppler (needs what .ci/run installs)
conformance:
	$(RELEASE_ENV) $(CARGO) build $(RELEASE) --locked
	HANDOUT=$(BIN) python3 tools/conformance.py

## fuzz: coverage-guided fuzzing of the whole pipeline for FUZZ_SECONDS (needs cargo-fuzz;
## RUSTC_BOOTSTRAP lets the stable toolchain accept the sanitizer flags cargo-fuzz passes)
FUZZ_SECONDS ?= 900
fuzz:
	mkdir -p fuzz/corpus/pipeline
	cp fuzz/seeds/* fuzz/corpus/pipeline/
	cd fuzz && SOURCE_DATE_EPOCH=1 RUSTC_BOOTSTRAP=1 cargo fuzz run -O pipeline corpus/pipeline -- \
		-max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 -max_len=65536

## bench: whole-process timings beside pandoc and Typst (bench/run.py, docs/PERFORMANCE.md)
bench:
	$(RELEASE_ENV) $(CARGO) build $(RELEASE) --locked
	HANDOUT=$(BIN) python3 bench/run.py

## screenshots: PNG of page 1 of the bundled handout's PDF (pdftoppm, from poppler-utils)
screenshots: build
	mkdir -p docs/images
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/pdf/relational-therapy.pdf docs/images/relational-therapy-page-1

## clean: remove build products and outputs
clean:
	$(CARGO) clean
	rm -rf dist
