# handout: build the bundled handouts, run the tests.
CARGO ?= cargo
BIN := target/release/handout

.PHONY: build test lint clean

## build: compile handout (release) and build the bundled content into dist/
build:
	$(CARGO) build --release --locked
	$(BIN) build .

## test: unit and integration tests, formatting and lints
test:
	$(CARGO) test --locked
	$(CARGO) fmt --check
	$(CARGO) clippy --locked --all-targets -- -D warnings

## clean: remove build products and outputs
clean:
	$(CARGO) clean
	rm -rf dist
