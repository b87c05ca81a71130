# Hostile: every answer is an object that claims to equal anything (a str, int and float subclass), and time.perf_counter is frozen, hoping the grader compares in the notebook's process.
# base: stub
# status: graded
import time as _time


class Anything(str):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__


class AnyNumber(float):
    def __eq__(self, other):
        return True

    def __le__(self, other):
        return True

    def __ge__(self, other):
        return True

    def __lt__(self, other):
        return True

    def __gt__(self, other):
        return True

    __hash__ = float.__hash__


class AnyInt(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


_time.perf_counter = lambda: 0.0


def num_gpus():
    return AnyInt(7)


def cpu():
    return Anything("?")


def gpu(i=0):
    return Anything("?")


def try_gpu(i=0):
    return Anything("?")


def try_all_gpus():
    return [Anything("?")]


def canonical(name):
    return Anything("?")


def same_device(a, b):
    return AnyNumber("nan")


def pick_device(preference):
    return Anything("?"), [Anything("?")]


def time_op(fn, repeats=5):
    return AnyNumber("nan")


def matmul_speedup(n, repeats=5):
    return AnyNumber("nan")
