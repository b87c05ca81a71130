# Hostile: ends the kernel's process in the middle of the notebook.
# base: stub
import os

os._exit(0)
