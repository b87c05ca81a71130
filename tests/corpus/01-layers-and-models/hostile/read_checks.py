# Hostile: looks for the hidden checks, solutions and gradebook on disk and by import.
# base: stub
# status: graded
import glob
import importlib
import os

found = []
for pattern in ("/work/*/autograder/**/*.py", "/work/*/solutions/**/*", "/work/shared/**/*",
                "/root/**/*", "/home/**/*", "/tmp/**/*", "/opt/**/*.py", "/**/gradebook.sqlite"):
    found += glob.glob(pattern, recursive="/**/" not in pattern[:4])[:5]
for module in ("autograder.checks.a01_layers_and_models", "autograder.checks", "autograder"):
    try:
        importlib.import_module(module)
        found.append(module)
    except Exception:
        pass
print("found:", found, os.listdir("/"))
