# Lampiran IKI/IKU -> canonical dataset. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RAW ?= data/raw
OUT ?= data/out
GOLD ?= tests/gold

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-10s\033[0m %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

# System packages, installed with apt-get when missing. `rundeps`: what reading every input kind
# needs (tesseract + Indonesian for scans, qpdf to repair PDFs pdfminer refuses, the fonts
# parsers/ocr_shapes.py draws a low-resolution scan's candidate words in); `sysdeps`: that plus what the tests and fixtures need
# (LibreOffice, poppler, headless Chromium, and the fonts the fixtures ask for by name: a missing
# font is silently substituted by LibreOffice, lines wrap elsewhere and the fixtures change).
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL = if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

rundeps: ## Install the system packages the pipeline needs at run time (tesseract + ind/eng, qpdf, the fonts low-resolution scans' words are drawn in) when missing
	@missing=""; \
	{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx ind; } || missing="$$missing tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng"; \
	command -v qpdf >/dev/null || missing="$$missing qpdf"; \
	find /usr/share/fonts -name LiberationSans-Regular.ttf 2>/dev/null | grep -q . || missing="$$missing fonts-liberation"; \
	find /usr/share/fonts -name Carlito-Regular.ttf 2>/dev/null | grep -q . || missing="$$missing fonts-crosextra-carlito"; \
	$(APT_INSTALL)

sysdeps: rundeps ## Install the system packages of the tests (LibreOffice, poppler, Chromium, fixture fonts) when missing
	@missing=""; command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null || missing="$$missing chromium chromium-driver"; \
	command -v fc-match >/dev/null || missing="$$missing fontconfig"; \
	fc-list 2>/dev/null | grep -q "Liberation Serif" || missing="$$missing fonts-liberation"; \
	fc-list 2>/dev/null | grep -q "DejaVu Sans" || missing="$$missing fonts-dejavu-core"; \
	fc-list 2>/dev/null | grep -q "Carlito" || missing="$$missing fonts-crosextra-carlito"; \
	$(APT_INSTALL)

setup: $(VENV)/.installed ## Create .venv and install the pinned dependencies

extract: setup rundeps ## Run the pipeline on RAW (default data/raw) into OUT (default data/out)
	$(PY) -m pipeline extract $(RAW) --out $(OUT)

eval: setup ## Score OUT against the gold in GOLD (SCORING.md metric)
	$(PY) -m evaluation --out $(OUT) --gold $(GOLD)

# Selection (all optional, comma-separated lists): make compare KABUPATEN="Malang" TAHUN=2022,
# KECAMATAN="Ngantang,35.07.13", PROVINSI="Jawa Timur"; none compares everything in OUT.
COMPARE_SELECTION = $(if $(KECAMATAN),--kecamatan "$(KECAMATAN)") $(if $(KABUPATEN),--kabupaten "$(KABUPATEN)") \
	$(if $(PROVINSI),--provinsi "$(PROVINSI)") $(if $(TAHUN),--tahun "$(TAHUN)")

compare: extract ## Compare the kecamatan of OUT (KECAMATAN= KABUPATEN= PROVINSI= TAHUN= select): OUT/compare/
	$(PY) -m pipeline.compare $(OUT) $(COMPARE_SELECTION)

test: setup sysdeps ## Run the test suite (installs system packages when missing)
	$(PY) -m pytest -q

lint: setup ## ruff (lint + format check) and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: setup ## Apply ruff formatting and fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove generated output (data/out) and caches
	rm -rf $(OUT)/*.parquet $(OUT)/*.json $(OUT)/wilayah $(OUT)/.lock $(OUT)/compare $(OUT)/warehouse.duckdb* .pytest_cache .mypy_cache .ruff_cache

.PHONY: help setup rundeps sysdeps extract eval compare test lint format clean

docs: setup ## Regenerate docs/schema.md (Arrow schema) and docs/problems.md (problem catalogue)
	$(PY) -m pipeline.docs docs

golden: extract ## Rewrite tests/golden snapshots from data/out (review the diff!)
	$(PY) -m tests.snapshot $(OUT)

.PHONY: docs golden

BENCH_DIRS ?= data/fixtures/pdf
bench: setup fixtures scans bench-pdf ## Timings: PDF pipeline vs pdfplumber and camelot, OCR s/page vs bare tesseract, 500-doc scale run, compare report
	$(PY) -m bench.bench_ocr $(FIXTURES_SCAN) $$([ -f $(REAL_SCAN) ] && echo $(REAL_SCAN))
	$(PY) -m bench.bench_scale --texts data/raw --pdfs $(FIXTURES_PDF)
	@$(MAKE) --no-print-directory bench-compare
	@$(MAKE) --no-print-directory bench-national

bench-compare: setup ## Comparison report build time and size on 2,000 and 8,000 documents
	$(PY) -m bench.bench_compare --raw data/raw --sizes 2000,8000

NATIONAL_SIZES ?= 2000 8000
bench-national: setup ## National corpus (seeds moved to real kecamatan) at NATIONAL_SIZES documents, 2 workers
	$(PY) -m bench.bench_scale --texts data/raw --national $(NATIONAL_SIZES)

# The whole pipeline in fresh processes (one process, default workers) alternated with bare pdfplumber
# extract_tables and camelot lattice, on the fixtures and ../shared/real's digital PDFs; a profile per stage.
bench-pdf: setup fixtures ## PDF only: whole pipeline (--workers 0 --full, default workers) vs bare pdfplumber and camelot, profile per stage
	@dirs="$(BENCH_DIRS)"; tmp=$$(mktemp -d); \
	if [ -d ../shared/real ]; then for f in ../shared/real/*.pdf; do case $$f in *scan*) ;; *) ln -s "$$(readlink -f $$f)" $$tmp/;; esac; done; dirs="$$dirs $$tmp"; fi; \
	$(PY) -m bench.bench_pdf $$dirs; rc=$$?; rm -rf $$tmp; exit $$rc

.PHONY: bench bench-pdf bench-compare bench-national

FIXTURES_PDF ?= data/fixtures/pdf
OUT_PDF ?= data/out-pdf
REAL_DIR ?= ../shared/real
OUT_REAL ?= data/out-real

fixtures: setup sysdeps ## Build PDF fixtures of the seeds (gold -> Word -> LibreOffice) into data/fixtures/pdf
	$(PY) -m tests.fixtures.build_pdf $(FIXTURES_PDF)

# The pipeline exits 3 when the batch completed with rejected files: still worth scoring.
eval-pdf: fixtures ## Extract the PDF fixtures into data/out-pdf and score them against tests/gold
	@$(PY) -m pipeline extract $(FIXTURES_PDF) --out $(OUT_PDF); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc
	$(PY) -m evaluation --out $(OUT_PDF) --gold $(GOLD)

eval-real: setup ## Extract ../shared/real/*.pdf into data/out-real and score them against the gold beside them
	@if ! ls $(REAL_DIR)/*.pdf >/dev/null 2>&1; then \
	  echo "eval-real: skipped, no PDFs in $(REAL_DIR)"; exit 0; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	for f in $(REAL_DIR)/*.pdf; do ln -s "$$(readlink -f "$$f")" "$$tmp/"; done; \
	$(PY) -m pipeline extract "$$tmp" --out $(OUT_REAL); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc; \
	$(PY) -m evaluation --out $(OUT_REAL) --gold $(REAL_DIR)

.PHONY: fixtures eval-pdf eval-real

FIXTURES_SCAN ?= data/fixtures/scan
OUT_SCAN ?= data/out-scan
REAL_SCAN ?= $(REAL_DIR)/real_diskominfo_kep_iku_2017_scan.pdf
LOWRES_SCAN ?= $(REAL_DIR)/dev_bkpsdmd_bangka_rumusan_iku_scan.pdf

scans: fixtures ## Build scanned variants of the PDF fixtures (300/200 dpi, skewed, grey, noisy, JPEG) into data/fixtures/scan
	$(PY) -m tests.fixtures.build_scans $(FIXTURES_SCAN) --pdf-dir $(FIXTURES_PDF)

eval-scan: scans ## OCR the scans (each resolution apart) and the real scan into data/out-scan, score them
	@for dpi in 300 200; do \
	  tmp=$$(mktemp -d); \
	  for f in $(FIXTURES_SCAN)/*_scan$$dpi.pdf; do ln -s "$$(readlink -f "$$f")" "$$tmp/"; done; \
	  $(PY) -m pipeline extract "$$tmp" --out $(OUT_SCAN)/$$dpi; rc=$$?; rm -rf "$$tmp"; \
	  [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc; \
	  echo "== scanned fixtures, $$dpi dpi"; $(PY) -m evaluation --out $(OUT_SCAN)/$$dpi --gold $(GOLD) || exit $$?; \
	done; \
	if [ -f $(REAL_SCAN) ]; then \
	  tmp=$$(mktemp -d); ln -s "$$(readlink -f $(REAL_SCAN))" "$$tmp/"; \
	  if [ -f $(LOWRES_SCAN) ]; then ln -s "$$(readlink -f $(LOWRES_SCAN))" "$$tmp/"; fi; \
	  $(PY) -m pipeline extract "$$tmp" --out $(OUT_SCAN)/real; rc=$$?; rm -rf "$$tmp"; \
	  [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc; \
	  echo "== real scans (the 200-dpi real scan and the ~70-dpi dev scan)"; \
	  $(PY) -m evaluation --out $(OUT_SCAN)/real --gold $(REAL_DIR) --only scan; \
	else echo "eval-scan: no real scan at $(REAL_SCAN), skipped"; fi

.PHONY: scans eval-scan

RENDERINGS ?= data/renderings
eval-renderings: fixtures ## Render the PDF fixtures and ../shared/real's digital PDFs with pdftotext -layout, pymupdf4llm and markitdown; score each next to its PDF
	$(PY) -m bench.eval_renderings --dst $(RENDERINGS) --gold $(GOLD) --gold $(REAL_DIR) $(FIXTURES_PDF) $$([ -d $(REAL_DIR) ] && echo $(REAL_DIR))

.PHONY: eval-renderings

RENDERINGS_VARIANTS ?= data/renderings-variants
# The same on the seeded layout variants (a population the text parsers were not written on): the
# per-document table, then each tool's F1 distribution and its mean F1 per variant feature value.
eval-renderings-variants: setup sysdeps ## Render the VARIANTS_N seeded layout variants with the three tools; score them (distribution, per feature value)
	$(PY) -m tests.fixtures.build_variants $(VARIANTS_DIR) -n $(VARIANTS_N) --seed $(VARIANTS_SEED) --real $(REAL_DIR)
	$(PY) -m bench.eval_renderings --dst $(RENDERINGS_VARIANTS) --gold $(VARIANTS_DIR)/gold --variants $(VARIANTS_DIR)/variants.json $(VARIANTS_DIR)/pdf

.PHONY: eval-renderings-variants

# The cell-boundary model of run-together rows (parsers/data/cell_boundary_model.json) is fitted
# on rows generated from the gold of the dev_* documents of ../shared/real only: the seeds and the
# real_* documents are what eval-renderings measures. Prints the accuracy on each dev document
# left out of a fit on the others.
cell-model: setup ## Refit the cell-boundary model of run-together rows on generated rows of the dev_* gold
	$(PY) -m tools.cell_model --gold $(REAL_DIR) --glob 'dev_*.json'

.PHONY: cell-model

VARIANTS_DIR ?= data/variants
OUT_VARIANTS ?= data/out-variants
VARIANTS_N ?= 40
VARIANTS_SEED ?= 11

# Variants of the seeds' gold and of ../shared/real's gold (when present); see tests/fixtures/variants.py.
eval-variants: setup sysdeps ## Build VARIANTS_N (40) seeded layout variants of every gold document, extract and score them per variant and per feature value
	$(PY) -m tests.fixtures.build_variants $(VARIANTS_DIR) -n $(VARIANTS_N) --seed $(VARIANTS_SEED) --real $(REAL_DIR)
	@$(PY) -m pipeline extract $(VARIANTS_DIR)/pdf --out $(OUT_VARIANTS); rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 3 ] || exit $$rc
	$(PY) -m evaluation.variants --out $(OUT_VARIANTS) --gold $(VARIANTS_DIR)/gold --variants $(VARIANTS_DIR)/variants.json --json $(OUT_VARIANTS)/variants-report.json

.PHONY: eval-variants

# The confidence model (normalizers/data/confidence_model.json) is fitted on the seeds' text
# renderings, the dev documents of ../shared/real and two seeded sets of layout variants; every
# file whose name contains CALIBRATION_HOLD_OUT (the real_* documents and their variants) is left
# out, so they stay documents the model was not fitted on (with the seeds' PDF fixtures and scans).
CALIBRATION_HOLD_OUT ?= real_
VARIANTS_FIT_DIR ?= data/variants-b
CALIBRATION_CACHE ?= data/calibration/parsed
# After the fit, the model is checked on the held-out documents (the real_* PDFs and scan, their
# layout variants, the PDF fixtures, and the scanned fixtures when `make scans` built them): share right at >= review_below,
# share of the wrong fields flagged, reliability per input kind, the wrong fields left unflagged.
# The parse of every document is cached in CALIBRATION_CACHE (keyed by file and parsers' code), so a
# refit after a change to structure/ or normalizers/ only re-runs those stages.
# OCR evidence is learnt from scans of every CALIBRATION_SCAN_EVERY-th fit variant at each of
# CALIBRATION_SCAN_DPI (the OCR parse is the slow part of a first refit, cached after).
CALIBRATION_SCAN_EVERY ?= 2
CALIBRATION_SCAN_DPI ?= 200
# The held-out check also reads text renderings of the held-out digital PDFs (bench/renderings.py),
# reported per renderer: an analyst's input kind with many more wrong fields than the PDFs.
CALIBRATION_RENDERINGS ?= data/calibration/renderings
CALIBRATION_RENDERERS ?= pdftotext pymupdf4llm markitdown
CALIBRATION_SCANS ?= $(VARIANTS_FIT_DIR)/scan
# The fit also reads renderings (the same CALIBRATION_RENDERERS) of the fit documents' digital PDFs:
# the dev_* PDFs of REAL_DIR and every CALIBRATION_RENDER_EVERY-th fit variant, so the text readers'
# evidence is fitted on the input kind it describes (their real_* counterparts stay held out).
CALIBRATION_FIT_RENDERINGS ?= data/calibration/renderings-fit
CALIBRATION_RENDER_EVERY ?= 2
calibrate: setup sysdeps fixtures ## Refit the per-field confidence model on the fit documents (real_* held out), check it on the held-out ones
	$(PY) -m tests.fixtures.build_variants $(VARIANTS_DIR) -n $(VARIANTS_N) --seed $(VARIANTS_SEED) --real $(REAL_DIR)
	$(PY) -m tests.fixtures.build_variants $(VARIANTS_FIT_DIR) -n 60 --seed 23 --real $(REAL_DIR)
	$(PY) -m tests.fixtures.build_scans $(CALIBRATION_SCANS) --dpi $(CALIBRATION_SCAN_DPI) --pdfs \
	  $$(ls $(VARIANTS_FIT_DIR)/pdf/*.pdf | grep -v $(CALIBRATION_HOLD_OUT) | awk '(NR - 1) % $(CALIBRATION_SCAN_EVERY) == 0')
	$(PY) -m bench.renderings $(CALIBRATION_RENDERINGS) $(foreach t,$(CALIBRATION_RENDERERS),--tool $(t)) \
	  $$(ls $(REAL_DIR)/*.pdf | grep $(CALIBRATION_HOLD_OUT) | grep -v _scan)
	$(PY) -m bench.renderings $(CALIBRATION_FIT_RENDERINGS)/real $(foreach t,$(CALIBRATION_RENDERERS),--tool $(t)) \
	  $$(ls $(REAL_DIR)/*.pdf | grep -v $(CALIBRATION_HOLD_OUT) | grep -v _scan)
	$(PY) -m bench.renderings $(CALIBRATION_FIT_RENDERINGS)/variants $(foreach t,$(CALIBRATION_RENDERERS),--tool $(t)) \
	  $$(ls $(VARIANTS_FIT_DIR)/pdf/*.pdf | grep -v $(CALIBRATION_HOLD_OUT) | awk '(NR - 1) % $(CALIBRATION_RENDER_EVERY) == 0')
	$(PY) -m tools.calibrate --hold-out $(CALIBRATION_HOLD_OUT) --parse-cache $(CALIBRATION_CACHE) \
	  --source $(RAW) $(GOLD) --source $(REAL_DIR) $(REAL_DIR) \
	  --source $(VARIANTS_DIR)/pdf $(VARIANTS_DIR)/gold --source $(VARIANTS_FIT_DIR)/pdf $(VARIANTS_FIT_DIR)/gold \
	  --source $(CALIBRATION_SCANS) $(VARIANTS_FIT_DIR)/gold \
	  $(foreach t,$(CALIBRATION_RENDERERS),--source $(CALIBRATION_FIT_RENDERINGS)/real/$(t) $(REAL_DIR) \
	    --source $(CALIBRATION_FIT_RENDERINGS)/variants/$(t) $(VARIANTS_FIT_DIR)/gold) \
	  --check $(REAL_DIR) $(REAL_DIR) --check $(FIXTURES_PDF) $(GOLD) \
	  --check $(VARIANTS_DIR)/pdf $(VARIANTS_DIR)/gold --check $(VARIANTS_FIT_DIR)/pdf $(VARIANTS_FIT_DIR)/gold \
	  $$([ -d $(FIXTURES_SCAN) ] && echo --check $(FIXTURES_SCAN) $(GOLD)) \
	  $(foreach t,$(CALIBRATION_RENDERERS),--check $(CALIBRATION_RENDERINGS)/$(t) $(REAL_DIR))

# Cross-validation of the fit-set choices (which scans, OCR flag inputs, a red-flag cap) within the fit
# documents, folds by document, from the features `make calibrate` collected: decide there, not on
# the held-out check. CALIBRATION_CV_ARGS e.g. --scan-every 2 --scan-dpi 200 --cap ocr:odd_chars=0.85
CALIBRATION_CV_ARGS ?=
calibrate-cv: setup ## Cross-validate confidence-model choices within the fit documents (after make calibrate)
	$(PY) -m tools.calibration_cv $(CALIBRATION_CV_ARGS)

.PHONY: calibrate calibrate-cv
