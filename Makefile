# Two commands a newcomer needs: `make grade` and `make test`. Both set everything up first.
# The virtualenv is built from Debian's /usr/bin/python3 where it exists, so that sandboxed
# notebooks can run as an unprivileged uid (a pyenv Python under /root is unreadable to it).
PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
EXAMPLES := $(sort $(dir $(wildcard examples/*/*.ipynb)))

.PHONY: venv sandbox grade test build course examples bench gpu-venv gpu-smoke clean

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

bench: venv sandbox  ## otter, nbgrader and this grader on the same 24 submissions (~20 min; figures only)
	$(PY) benchmarks/compare.py

# The GPU variant, for grading on a machine with an NVIDIA GPU: the same pins, with TensorFlow
# built for CUDA (its CUDA libraries come from pip) in place of tensorflow-cpu, in .venv-gpu.
GPU_VENV := .venv-gpu
$(GPU_VENV)/.installed: requirements.txt pyproject.toml
	test -x $(GPU_VENV)/bin/python || $(PYTHON) -m venv $(GPU_VENV)
	$(GPU_VENV)/bin/python -m pip install -q --upgrade pip
	sed 's/^tensorflow-cpu==/tensorflow[and-cuda]==/' requirements.txt > $(GPU_VENV)/requirements.txt
	$(GPU_VENV)/bin/python -m pip install -q -r $(GPU_VENV)/requirements.txt
	$(GPU_VENV)/bin/python -m pip install -q --no-deps -e .
	touch $@

gpu-venv: $(GPU_VENV)/.installed  ## set up the GPU variant (.venv-gpu)

gpu-smoke: gpu-venv sandbox  ## on a GPU machine: grade 06's reference, print measured speedups
	$(GPU_VENV)/bin/python benchmarks/gpu_smoke.py

clean:
	rm -rf out .pytest_cache
