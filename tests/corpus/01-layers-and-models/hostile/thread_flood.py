# Hostile: starts threads without bound; the process/thread cap stops it, TensorFlow then cannot start its own threads and the process dies, and the row says why.
# base: stub
# status: kernel died
# reason: (it ran into the process/thread cap (256))
import threading
import time

threads = []
try:
    for _ in range(5000):
        t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
        t.start()
        threads.append(t)
except RuntimeError:
    pass
print("threads started:", len(threads))
