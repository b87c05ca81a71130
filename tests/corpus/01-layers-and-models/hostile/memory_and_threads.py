# Hostile: tries to take all memory and spawn threads without bound.
# base: stub
# reason: it ran into the memory cap
# flags: ran into the memory cap
import threading
import time

hoard = []
try:
    for _ in range(64):
        hoard.append(bytearray(1024 ** 3))
except MemoryError:
    hoard.clear()
threads = []
try:
    for _ in range(5000):
        t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
        t.start()
        threads.append(t)
except RuntimeError:
    pass
print("threads started:", len(threads))
