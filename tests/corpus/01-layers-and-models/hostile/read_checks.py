# Hostile: looks for the hidden checks on disk and by import, and prints what it finds.
# base: stub
import glob
import importlib
import os

found = []
for pattern in ("/work/**/a01_*.py", "/root/**/*.py", "/home/**/*.py", "/**/solutions/**/*.ipynb",
                "/**/gradebook.sqlite", "/tmp/**/*.ipynb"):
    found += glob.glob(pattern, recursive=True)[:5]
for module in ("autograder.checks.a01_layers_and_models", "autograder.checks", "autograder"):
    try:
        importlib.import_module(module)
        found.append(module)
    except Exception:
        pass
print("found:", found, os.listdir("/"))
