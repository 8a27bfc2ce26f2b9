# mailbot: `make demo` and `make test` do the whole set-up, then run.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test test-fast lint bench system-deps venv clean

demo: system-deps venv
	$(BIN)/mailbot demo

test: system-deps venv
	$(BIN)/ruff check mailbot tests bench
	$(BIN)/pytest -q

test-fast: venv
	$(BIN)/pytest -q -m "not slow"

lint: venv
	$(BIN)/ruff check mailbot tests bench

bench: system-deps venv
	$(BIN)/python bench/intake.py
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/reading.py

system-deps:
	@deploy/install-system-deps.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) demo-out .pytest_cache .ruff_cache
