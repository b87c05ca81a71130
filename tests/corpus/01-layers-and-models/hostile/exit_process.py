# Hostile: ends the kernel's process in the middle of the notebook.
# base: stub
# status: kernel died
# reason: the notebook's process ended during code cell
import os

os._exit(0)
