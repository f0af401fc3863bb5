# handout: build the bundled handouts, run the tests.
CARGO ?= cargo
BIN := target/release/handout

.PHONY: build test lint clean screenshots bench

## build: compile handout (release) and build the bundled content into dist/
build:
	$(CARGO) build --release --locked
	$(BIN) build .

## test: unit and integration tests, formatting and lints
test:
	$(CARGO) test --locked
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## bench: whole-process timings beside pandoc and Typst (bench/run.py, docs/PERFORMANCE.md)
bench:
	$(CARGO) build --release --locked
	python3 bench/run.py

## screenshots: PNG of page 1 of the bundled handout's PDF (pdftoppm, from poppler-utils)
screenshots: build
	mkdir -p docs/images
	pdftoppm -png -r 60 -f 1 -l 1 -singlefile dist/pdf/relational-therapy.pdf docs/images/relational-therapy-page-1

## clean: remove build products and outputs
clean:
	$(CARGO) clean
	rm -rf dist
