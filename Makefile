# handout: build the bundled handouts, run the tests.
CARGO ?= cargo
BIN := target/release/handout

.PHONY: build test conformance clean screenshots

## build: compile handout (release) and build the bundled content into dist/
build:
	$(CARGO) build --release --locked
	$(BIN) build .

## test: unit and integration tests, formatting and lints
test:
	$(CARGO) test --locked
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## conformance: every output of the bundled and fixture projects, checked by EPUBCheck,
## DAISY Ace, qpdf and poppler (needs what .ci/run installs)
conformance:
	$(CARGO) build --release --locked
	python3 tools/conformance.py

## screenshots: PNG of page 1 of the bundled handout's PDF (pdftoppm, from poppler-utils)
screenshots: build
	mkdir -p docs/images
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/pdf/relational-therapy.pdf docs/images/relational-therapy-page-1

## clean: remove build products and outputs
clean:
	$(CARGO) clean
	rm -rf dist
