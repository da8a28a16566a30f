# Two entry points: `make play` and `make test`. Each creates .venv with what it needs.
# `make test` runs the suite against the pure-Python core, then against a compiled copy of the tree
# (issue 16: both builds in CI; where there is no C compiler it says so in one line and passes).
# The optional compiled core: `make fast` compiles game/core with mypyc in place (without a C
# compiler it says so and the pure-Python core stays); `make pure` removes it again; `make
# test-compiled` runs only the compiled half of `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: play test fast pure test-compiled check-python

play: $(VENV)/installed
	$(BIN)/python main.py

test: $(VENV)/installed-test
	$(BIN)/python -m pytest -q
	$(BIN)/python -m game.build_fast --suite -q

fast: $(VENV)/installed-fast
	$(BIN)/python -m game.build_fast

pure:
	$(PYTHON) -m game.build_fast --pure

test-compiled: $(VENV)/installed-test
	$(BIN)/python -m game.build_fast --suite -q

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Table Stakes needs Python 3.11 or newer; found " + sys.version.split()[0] + " (set PYTHON=python3.12, for example)")'

$(VENV)/installed: pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/installed-test: pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,fast]'
	touch $@ $(VENV)/installed $(VENV)/installed-fast

$(VENV)/installed-fast: pyproject.toml | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[fast]'
	touch $@ $(VENV)/installed
