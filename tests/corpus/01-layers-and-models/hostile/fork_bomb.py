# Hostile: forks until the process cap stops it; the children sleep.
# base: stub
# flags: starts processes (os.fork), ran into the process/thread cap
import os
import time

children = 0
try:
    for _ in range(400):
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        children += 1
except OSError:
    pass
print("children:", children)
