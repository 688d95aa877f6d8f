# Sáng Tạo — newcomers need two commands: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
UV := .tools/bin/uv
VENV := .venv
BIN := $(VENV)/bin
SANGTAO := $(BIN)/sangtao
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON_PREFERENCE := only-system

.PHONY: install demo demo-data serve test check bench messages makemessages clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.installed messages

messages: $(VENV)/.installed
	@cd src/sangtao && ../../$(SANGTAO) compilemessages -v 0

makemessages: $(VENV)/.installed
	cd src/sangtao && ../../$(SANGTAO) makemessages -l vi --no-location --no-obsolete

demo: install
	$(SANGTAO) migrate --no-input -v 0
	$(SANGTAO) demo load
	@echo "Serving Sáng Tạo at http://127.0.0.1:8000/  (Ctrl-C to stop)"
	$(SANGTAO) runserver 127.0.0.1:8000

test: install
	bash scripts/test.sh

check: install
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(SANGTAO) makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py

bench: install
	bash scripts/bench.sh

clean:
	rm -rf $(VENV) .tools var
