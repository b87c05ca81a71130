# Two commands a newcomer needs: `make grade` and `make test`. Both set everything up first.
# The virtualenv is built from Debian's /usr/bin/python3 where it exists, so that sandboxed
# notebooks can run as an unprivileged uid (a pyenv Python under /root is unreadable to it).
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLES := $(sort $(dir $(wildcard examples/*/*.ipynb)))

.PHONY: venv sandbox grade test build course examples bench clean

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP)

# bubblewrap is the sandbox; without it grading falls back to a loudly reported weak mode.
sandbox:
	@command -v bwrap >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null) || \
	  echo "WARNING: install bubblewrap (apt-get install bubblewrap) for the sandbox"; }

grade: venv sandbox  ## grade the bundled example classes end to end
	for example in $(EXAMPLES); do \
	  $(PY) -m autograder grade $$(basename $$example) $$example --out out/$$(basename $$example) \
	  || exit 1; done

test: venv sandbox  ## the whole test suite (what CI runs)
	$(PY) -m pytest -q

build: venv  ## regenerate assignments/ from solutions/ (commit the result)
	$(PY) -m autograder build

course: venv  ## re-run the lecture notebooks in place (commit the outputs)
	$(PY) -m autograder course

examples: venv  ## regenerate the bundled example class from the test corpus
	cd tests && ../$(PY) make_examples.py

bench: venv sandbox  ## measure grading speed (prints figures; see README)
	$(PY) benchmarks/grade_speed.py

clean:
	rm -rf out .pytest_cache
