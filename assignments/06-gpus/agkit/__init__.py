"""The check kit: what checks are made of, on both sides of the sandbox.

`probe_runtime` (the only module the sandbox runs), `checks` (declaring, validating and judging
checks), `expect` (judges' assertions), `results` (statuses and results) and `draw` (helpers
every assignment's checks share). Only the standard library, NumPy and IPython are imported, and
only relatively within the kit: the build ships these files byte-identical into every release
as the package `agkit`, where `grader.check` runs the public checks with the same code.
"""
