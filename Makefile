# The two commands a fresh clone needs: `make report` (the main job) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
CORPUS ?= seeds/

.PHONY: report test fuzz lab notebooks lint bench install clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[notebooks,scale,test]"
	touch $(STAMP)

## make report: load seeds/, run every curated notebook, write rendered HTML for readers under build/report/
## (code hidden; `make report REPORT_FLAGS=--show-code` keeps it; CORPUS="PATH" for another corpus)
REPORT_FLAGS ?=
report: $(STAMP)
	$(VENV)/bin/workbench report $(CORPUS) --out build/report $(REPORT_FLAGS)

## make test: the whole suite — unit/integration tests, doctests, browser test, nbval on notebooks/
test: $(STAMP)
	$(PY) -m pytest tests
	$(PY) -m pytest --doctest-modules workbench -q
	$(PY) -m pytest --nbval notebooks --nbval-sanitize-with notebooks/nbval-sanitize.cfg -p no:cacheprovider -q

## make fuzz: the property tests (Hypothesis) with the long "fuzz" profile, new examples on every run (`make test`
## runs them with the short "ci" profile); a failure is kept under build/hypothesis/ and replayed first next time
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests -m hypothesis -p no:cacheprovider -q

## make lab: JupyterLab on notebooks/ (127.0.0.1)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab --ip 127.0.0.1 --notebook-dir notebooks

## make notebooks: re-execute the curated notebooks in place on seeds/ (outputs committed, widget state stripped)
notebooks: $(STAMP)
	$(PY) -m workbench.share.report --execute-in-place notebooks

## make lint: ruff (rules and format) and mypy (types, with the settings in pyproject.toml)
MYPY_PACKAGES ?= workbench/actors workbench/corpus workbench/dataset workbench/scale workbench/pipeline workbench/ingest \
	workbench/text workbench/dates workbench/evaluate workbench/share workbench/plot workbench/topics \
	workbench/analysis workbench/widgets workbench/*.py
lint: $(STAMP)
	$(VENV)/bin/ruff check workbench tests benchmarks
	$(VENV)/bin/ruff format --check workbench tests benchmarks
	$(VENV)/bin/mypy $(MYPY_PACKAGES)

bench: $(STAMP)
	$(PY) benchmarks/bench_ingest.py

clean:
	rm -rf build data/cache .pytest_cache
