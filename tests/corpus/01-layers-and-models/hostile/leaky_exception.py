# Hostile: raises, from inside hidden checks, exceptions that carry the probe's frame (its inputs and source), with terminal escapes.
# base: stub
# status: graded
# flags: walks the call stack (sys._getframe)
import inspect
import sys


class FixedHiddenMLP(keras.Model):
    def __init__(self, **kwargs):
        frame = sys._getframe(1)
        try:
            source = inspect.getsource(frame)
        except (OSError, TypeError):
            source = ""
        raise RuntimeError("LEAKED-FROM-PROBE \x1b[31m" + repr(frame.f_locals)[:2000] + source)


print("\x1b[2J\x1b[31mLEAKED-FROM-PROBE in a cell\x07")
