# Hostile: leaves a detached process that tries to write files after the notebook ends.
# base: stub
# status: graded
# flags: starts processes (subprocess)
import subprocess
import sys

subprocess.Popen([sys.executable, "-c", """
import os, time
for _ in range(40):
    for target in ("/tmp/ag-hostile-marker", "/work/main/ag-hostile-marker", "ag-hostile-marker"):
        try:
            open(target, "w").write("still here")
        except OSError:
            pass
    time.sleep(0.25)
"""], start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL)
