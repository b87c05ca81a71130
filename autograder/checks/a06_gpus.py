"""Checks of assignment 06: GPUs.

Devices are simulated where the grader has none: the setup splits the CPU into three logical
CPUs (`/CPU:0..2`), on which placement and copies are checked for real; GPU inventories of 0, 1
and 2 GPUs are simulated by replacing TensorFlow's device lists inside the probe (fake GPU
entries next to the real CPUs). A probe reports raw `.device` strings; the judge parses them with
its own `device_of`, never with the student's `canonical`. Timing is graded on a controlled
operation whose durations the grader draws (a call that returns at once and a result that is
ready later, like an asynchronous GPU op). Checks declared with `gpus=N` need real GPUs: the
grader measures its own figures in a clean process (a fresh stage with no student code) and
compares; where fewer GPUs are seen they report "needs GPU".
"""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.expect import Fail, Observation, expect, expect_close
from autograder.kit.probe_runtime import shape_of, to_numpy, unique_variables

CHECKS = Registry("06-gpus")
check = CHECKS.check

# Judges and drawers may use only the kit and this module's functions, so the constants live
# in them: 3 logical CPUs (the setup's), and the GPU thresholds stated in the prompts.


@CHECKS.setup
def three_logical_cpus():
    """Three logical CPUs (CPU:0..2) and memory growth on every GPU, as the notebook's first
    cell; safe to run twice (devices are fixed once TensorFlow has started)."""
    import tensorflow as tf
    try:
        tf.config.set_logical_device_configuration(
            tf.config.list_physical_devices("CPU")[0], [tf.config.LogicalDeviceConfiguration()] * 3)
    except RuntimeError:
        pass
    for physical_gpu in tf.config.list_physical_devices("GPU"):
        try:
            tf.config.experimental.set_memory_growth(physical_gpu, True)
        except RuntimeError:
            pass
    return {"gpus": len(tf.config.list_physical_devices("GPU")),
            "cpus": len(tf.config.list_logical_devices("CPU"))}


# ------------------------------------------------------------------------------ judge helpers

def device_of(name) -> tuple | None:
    """(TYPE, index) that a device name in any TensorFlow spelling names; None when it names no
    CPU or GPU. The grader's own parser: a tensor's `.device` is never read with student code."""
    if not isinstance(name, str) or len(name) > 200:
        return None
    found = None
    for part in name.split("/"):
        fields = part.split(":")
        if fields[0].lower() == "device":
            fields = fields[1:]
        if not fields or fields[0] == "" or fields[0].lower() in ("job", "replica", "task"):
            continue
        index = fields[1] if len(fields) == 2 else "0"
        if fields[0].upper() not in ("CPU", "GPU") or len(fields) > 2 or not (index.isascii()
                                                                    and index.isdigit()):
            return None
        found = (fields[0].upper(), int(index))
    return found


def device_name(device) -> str:
    """The canonical name "/TYPE:index" of a (TYPE, index) pair."""
    return f"/{device[0]}:{device[1]}"


def shown(value) -> str:
    """A value the student's code returned, short enough for a message."""
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 48 else text[:45] + "..."


def texts(part, key: str, what: str) -> list:
    """A list of strings from an observation."""
    values = part.list(key, what)
    expect(all(isinstance(v, str) for v in values), f"{what} is not a list of strings.")
    return values


def spelling(rng, device, short: bool = False, remote: bool = False, full: bool = True) -> tuple:
    """A drawn spelling of `device` and its form for messages (the index written as N).

    `full` allows the long form that `.device` reports; `short` adds the forms without an index
    (index 0 only) and `remote` a `/job:worker/...` prefix, both only where names are parsed,
    never placed (and only in q2, so that a parser bug costs q2 alone).
    """
    kind, index = device
    forms = ["/{K}:{i}", "{K}:{i}", "/{k}:{i}", "{k}:{i}", "/device:{K}:{i}", "/device:{k}:{i}"]
    if full:
        forms.append("/job:localhost/replica:0/task:0/device:{K}:{i}")
    if remote:
        forms.append("/job:worker/replica:1/task:3/device:{K}:{i}")
    if short and index == 0:
        forms += ["/{k}", "/{K}", "{K}"]
    form = forms[int(rng.integers(len(forms)))]
    return form.format(K=kind, k=kind.lower(), i=index), form.format(K=kind, k=kind.lower(), i="N")


def cpus_seen(obs) -> None:
    """Fails unless the notebook's process has the three logical CPUs the setup makes."""
    cpus = obs.int("cpus", "The number of logical CPUs")
    expect(cpus >= 3, f"The notebook's process has {cpus} logical CPU(s); keep the "
                                 "first code cell as given (it splits the CPU into three, "
                                 "`/CPU:0` to `/CPU:2`).")


def tensor_on(part, device, what: str, shape: tuple | None = None,
              dtype: str = "float32") -> np.ndarray:
    """Checks one observed tensor (type, device, dtype) and returns its values."""
    kind = part.str("type", f"The type of {what}")
    expect(kind == "EagerTensor", f"{what} is a `{shown(kind)}`; expected a TensorFlow eager "
                                  "tensor (its `.device` says where it lives).")
    where = device_of(part.str("device", f"The device of {what}"))
    expect(where is not None, f"{what} reports no device.")
    expect(where == tuple(device), f"{what} lives on `{device_name(where)}`; expected it on the "
                                   "device it was asked for.")
    values = part.array("values", what, shape)
    expect(part.str("dtype", f"The dtype of {what}") == dtype, f"{what} is not {dtype}.")
    return values


# ------------------------------------------------------------------------------ q1 helpers

def helper_indices(rng):
    return {"indices": [int(i) for i in rng.choice(10, size=4, replace=False)]}


@check("q1", points=1, inputs=helper_indices, hidden=False)
def device_helpers_here(student, indices):
    """On this machine the five helpers name the GPUs TensorFlow sees (or fall back to `/CPU:0`)."""
    import tensorflow as tf

    def plain(v):
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v if isinstance(v, (str, int, float, bool)) or v is None else f"<{type(v).__name__}>"

    n = len(tf.config.list_physical_devices("GPU"))
    return {"gpus": n, "num_gpus": plain(student.num_gpus()), "cpu": plain(student.cpu()),
            "gpu": plain([student.gpu(i) for i in indices]),
            "try": plain([student.try_gpu(), student.try_gpu(n), student.try_gpu(n + 1),
                          *[student.try_gpu(i) for i in indices]]),
            "all": plain(student.try_all_gpus())}


def judge_helpers(part, n: int, gpu_indices: list, try_indices: list, where: str) -> None:
    """The helpers' answers for an inventory of `n` GPUs, given the i passed to `gpu` and to
    `try_gpu` (0 for a call without argument)."""
    got = part.raw("num_gpus")
    expect(isinstance(got, int) and not isinstance(got, bool),
           f"{where}, `num_gpus()` returned `{shown(got)}`; expected an int.")
    expect(got == n, f"{where}, `num_gpus()` returned {got}; ask TensorFlow each time it is "
                     "called (`tf.config.list_physical_devices(\"GPU\")`).")
    expect(part.raw("cpu") == "/CPU:0", f"`cpu()` returned `{shown(part.raw('cpu'))}`; expected "
                                        "`/CPU:0`.")
    gpus = texts(part, "gpu", "What `gpu(i)` returned")
    tries = texts(part, "try", "What `try_gpu` returned")
    expect(len(gpus) == len(gpu_indices) and len(tries) == len(try_indices),
           "The observation of `gpu` and `try_gpu` is malformed.")
    for i, got in zip(gpu_indices, gpus):
        expect(got == f"/GPU:{i}", f"`gpu({i})` returned `{shown(got)}`; expected `/GPU:{i}`.")
    for i, got in zip(try_indices, tries):
        want = f"/GPU:{i}" if i < n else "/CPU:0"
        if got != want:
            exists = "exists" if i < n else "does not exist"
            raise Fail(f"{where}, `try_gpu({i})` returned `{shown(got)}`; GPU {i} {exists}, so "
                       f"expected `{want}`.")
    got = texts(part, "all", "What `try_all_gpus()` returned")
    want = [f"/GPU:{i}" for i in range(n)] or ["/CPU:0"]
    expect(got == want, f"{where}, `try_all_gpus()` returned {[shown(g) for g in got]}; "
                        f"expected {want}.")


@device_helpers_here.judge
def judge_device_helpers_here(obs, indices):
    n = obs.int("gpus", "The number of GPUs")
    judge_helpers(obs, n, indices, [0, n, n + 1, *indices], f"With {n} GPU(s) on this machine")


def gpu_indices(rng):
    return {"indices": [int(i) for i in rng.permutation(4)]}


@check("q1", points=1, inputs=gpu_indices)
def device_helpers_simulated(student, indices):
    """With TensorFlow's device lists reporting 0, 1 and 2 GPUs, every helper answers for that
    inventory (they ask at call time)."""
    import contextlib
    from unittest import mock

    import tensorflow as tf

    real = {"list_physical_devices": tf.config.list_physical_devices,
            "list_logical_devices": tf.config.list_logical_devices,
            "get_visible_devices": tf.config.get_visible_devices}

    def pretend(n):
        physical = [tf.config.PhysicalDevice(name=f"/physical_device:GPU:{i}", device_type="GPU")
                    for i in range(n)]
        logical = [tf.config.LogicalDevice(name=f"/device:GPU:{i}", device_type="GPU")
                   for i in range(n)]

        def lister(name, fakes):
            def listing(device_type=None):
                if device_type is not None and str(device_type).upper() == "GPU":
                    return list(fakes)
                kept = [d for d in real[name](device_type) if d.device_type != "GPU"]
                return kept + (list(fakes) if device_type is None else [])
            return listing

        stack = contextlib.ExitStack()
        for module in (tf.config, tf.config.experimental):
            for name in real:
                fakes = logical if name == "list_logical_devices" else physical
                stack.enter_context(mock.patch.object(module, name, lister(name, fakes)))
        return stack

    def plain(v):
        if isinstance(v, (list, tuple)):
            return [plain(x) for x in v]
        return v if isinstance(v, (str, int, float, bool)) or v is None else f"<{type(v).__name__}>"

    out = {}
    for n in (0, 1, 2):
        with pretend(n):
            out[f"gpus{n}"] = {
                "num_gpus": plain(student.num_gpus()), "cpu": plain(student.cpu()),
                "gpu": plain([student.gpu(i) for i in indices]),
                "try": plain([student.try_gpu(), *[student.try_gpu(i) for i in indices]]),
                "all": plain(student.try_all_gpus())}
    return out


@device_helpers_simulated.judge
def judge_device_helpers_simulated(obs, indices):
    for n in (0, 1, 2):
        part = obs.part(f"gpus{n}", f"The helpers' answers with {n} GPU(s)")
        judge_helpers(part, n, indices, [0, *indices], f"With {n} GPU(s) reported")


# ------------------------------------------------------------------------------ q2 canonical



def known_names(rng):
    known = [("cpu:1", ("CPU", 1)), ("/CPU:1", ("CPU", 1)), ("/device:GPU:0", ("GPU", 0)),
             ("/device:gpu:1", ("GPU", 1)),
             ("/job:localhost/replica:0/task:0/device:CPU:2", ("CPU", 2)),
             ("/job:worker/replica:1/task:3/device:GPU:0", ("GPU", 0)), ("/gpu", ("GPU", 0)),
             ("GPU", ("GPU", 0)), ("cpu", ("CPU", 0)), ("GPU:1", ("GPU", 1))]
    known = [known[int(i)] for i in rng.permutation(len(known))]   # the prompt's, drawn order
    pairs = [(["cpu:1", "/device:CPU:1"], True), (["/GPU:0", "/CPU:0"], False),
             (["/job:localhost/replica:0/task:0/device:GPU:1", "gpu:1"], True),
             (["/gpu", "/GPU:0"], True), (["GPU:1", "/GPU:0"], False)]
    pairs = [pairs[int(i)] for i in rng.permutation(len(pairs))]
    return {"names": [n for n, _ in known], "truth": [list(d) for _, d in known],
            "forms": [n for n, _ in known], "invalid": ["/job:localhost", ""],
            "pairs": [p for p, _ in pairs], "same": [e for _, e in pairs]}


def drawn_names(rng):
    kinds = ("CPU", "GPU")
    devices = [(kinds[int(rng.integers(2))], int(rng.integers(0, 100))) for _ in range(6)]
    devices += [(kinds[int(rng.integers(2))], int(rng.integers(10, 100)))]
    spelled = [spelling(rng, d, short=True, remote=True) for d in devices]
    for kind in kinds:   # one name without an index of each type, always
        form = ["/{k}", "/{K}", "{K}", "{k}"][int(rng.integers(4))].format(K=kind, k=kind.lower())
        devices.append((kind, 0))
        spelled.append((form, form))
    order = rng.permutation(len(devices))
    devices, spelled = [devices[i] for i in order], [spelled[i] for i in order]
    pairs, same = [], []
    for _ in range(6):
        first = (kinds[int(rng.integers(2))], int(rng.integers(0, 12)))
        equal = bool(rng.integers(2))
        other = first if equal else (first[0], first[1] + 1) if rng.integers(2) else \
            ("GPU" if first[0] == "CPU" else "CPU", first[1])
        pairs.append([spelling(rng, first, short=True)[0], spelling(rng, other, short=True)[0]])
        same.append(equal)
    no_type = ["", "/job:localhost", "/job:localhost/replica:0/task:0", "/replica:0/task:1",
               "/job:worker/task:2"]
    invalid = [no_type[int(i)] for i in rng.choice(len(no_type), size=2, replace=False)]
    return {"names": [s for s, _ in spelled], "truth": [list(d) for d in devices],
            "forms": [f for _, f in spelled], "invalid": invalid, "pairs": pairs, "same": same}



@check("q2", points=1, inputs=known_names, hidden=False)
def canonical_known_spellings(student, names, truth, forms, invalid, pairs, same):
    """`canonical` turns the prompt's spellings into "/TYPE:index", raises ValueError for a name
    without a device type, and `same_device` compares names by device."""
    def outcome(fn, *args):
        try:
            value = fn(*args)
        except ValueError:   # the error the prompt asks for; any other one is the student's
            return {"raised": "ValueError"}
        return {"value": value if isinstance(value, (str, bool)) else f"<{type(value).__name__}>"}

    return {"canonical": [outcome(student.canonical, n) for n in names],
            "invalid": [outcome(student.canonical, n) for n in invalid],
            "same": [outcome(student.same_device, a, b) for a, b in pairs]}


def judge_canonical(obs, truth, forms, invalid, same, show_names: bool) -> None:
    """The answers of `canonical` and `same_device` against the drawn truth."""
    results = obs.list("canonical", "What `canonical` returned", length=len(truth))
    for device, form, got in zip(truth, forms, results):
        expect(isinstance(got, dict), "The observation of `canonical` is malformed.")
        want = device_name(device)
        name = f"`{form}`" if show_names else f"a name spelled like `{form}`"
        expect("raised" not in got, f"`canonical` raised `{shown(got.get('raised'))}` for {name}; "
                                    f"expected a name of the form `/TYPE:index`.")
        expect(got.get("value") == want, f"`canonical` returned `{shown(got.get('value'))}` for "
                                         f"{name}; expected `/TYPE:index` with the type in upper "
                                         "case and the index (0 when it is missing).")
    results = obs.list("invalid", "What `canonical` did with names without a type",
                       length=len(invalid))
    for name, got in zip(invalid, results):
        expect(isinstance(got, dict), "The observation of `canonical` is malformed.")
        raised = got.get("raised")
        call = f"`canonical({name!r})`" if show_names else \
            "`canonical` for a name without a device type"
        expect(raised == "ValueError", f"{call} returned `{shown(got.get('value'))}`; a name "
                                       "without a device type must raise `ValueError`.")
    results = obs.list("same", "What `same_device` returned", length=len(same))
    for equal, got in zip(same, results):
        expect(isinstance(got, dict), "The observation of `same_device` is malformed.")
        value = got.get("value")
        expect(isinstance(value, bool), "`same_device` "
               + ("raised `ValueError` for two valid names" if "raised" in got else
                  f"returned `{shown(value)}`") + "; expected True or False.")
        expect(value == equal, f"`same_device` returned {value} for two names of "
                               f"{'the same device' if equal else 'different devices'}.")


@canonical_known_spellings.judge
def judge_canonical_known_spellings(obs, names, truth, forms, invalid, pairs, same):
    judge_canonical(obs, truth, forms, invalid, same, show_names=True)


@check("q2", points=1, inputs=drawn_names)
def canonical_drawn_spellings(student, names, truth, forms, invalid, pairs, same):
    """Drawn types, indices (two-digit ones too) and spellings, names without a type, and
    `same_device` on drawn pairs."""
    def outcome(fn, *args):
        try:
            value = fn(*args)
        except ValueError:   # the error the prompt asks for; any other one is the student's
            return {"raised": "ValueError"}
        return {"value": value if isinstance(value, (str, bool)) else f"<{type(value).__name__}>"}

    return {"canonical": [outcome(student.canonical, n) for n in names],
            "invalid": [outcome(student.canonical, n) for n in invalid],
            "same": [outcome(student.same_device, a, b) for a, b in pairs]}


@canonical_drawn_spellings.judge
def judge_canonical_drawn_spellings(obs, names, truth, forms, invalid, pairs, same):
    judge_canonical(obs, truth, forms, invalid, same, show_names=False)


# ------------------------------------------------------------------------------ q3 pick_device

def expected_pick(devices: list, cpus: int, gpus: int) -> tuple:
    """(chosen, skipped) for a preference of (TYPE, index) pairs."""
    counts = {"CPU": cpus, "GPU": gpus}
    skipped = []
    for device in devices:
        if device[1] < counts[device[0]]:
            return device_name(device), skipped
        skipped.append(device_name(device))
    return device_name(("CPU", 0)), skipped


def known_preferences(rng):
    g, c, g2, c2 = (int(v) for v in rng.integers(3, 10, size=4))   # missing (with < 3 GPUs)
    lists = [[("GPU", g), ("CPU", c), ("CPU", 2), ("CPU", 0)], [("GPU", g2), ("CPU", c2)],
             [("GPU", 0), ("CPU", 1)]]
    names = [[f"/GPU:{g}", f"cpu:{c}", "/device:CPU:2", "/CPU:0"], [f"gpu:{g2}", f"/CPU:{c2}"],
             ["/device:GPU:0", "CPU:1"]]
    return {"names": names, "truth": [[list(d) for d in one] for one in lists]}


def drawn_preferences(rng):
    # A: a missing-or-present GPU before an extra logical CPU; B: GPU:0 behind two missing
    # devices, a CPU last; C: nothing exists. Indices stay below 10 (Q2 tests the rest).
    lists = [[("GPU", 1), ("CPU", int(rng.integers(1, 3))), ("CPU", 0)],
             [("GPU", int(rng.integers(2, 4))), ("CPU", int(rng.integers(3, 7))), ("GPU", 0),
              ("CPU", int(rng.integers(0, 3)))],
             [("CPU", int(rng.integers(3, 10))), ("GPU", int(rng.integers(2, 5)))]]
    lists = [lists[int(i)] for i in rng.permutation(3)]
    return {"names": [[spelling(rng, d)[0] for d in one] for one in lists],
            "truth": [[list(d) for d in one] for one in lists]}



@check("q3", points=1, inputs=known_preferences, hidden=False)
def pick_device_here(student, names, truth):
    """On this machine `pick_device` returns the first existing device and the ones skipped."""
    import tensorflow as tf

    def pick(preference):
        got = student.pick_device(list(preference))
        if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[1], list)):
            return {"type": type(got).__name__}
        return {"chosen": got[0] if isinstance(got[0], str) else f"<{type(got[0]).__name__}>",
                "skipped": [s if isinstance(s, str) else f"<{type(s).__name__}>" for s in got[1]]}

    return {"gpus": len(tf.config.list_physical_devices("GPU")),
            "cpus": len(tf.config.list_logical_devices("CPU")),
            "picks": [pick(p) for p in names]}


def judge_picks(part, truth, cpus: int, gpus: int, where: str) -> None:
    """`pick_device`'s answers against the expected ones."""
    picks = part.list("picks", "What `pick_device` returned", length=len(truth))
    for devices, got in zip(truth, picks):
        expect(isinstance(got, dict), "The observation of `pick_device` is malformed.")
        expect("type" not in got, f"`pick_device` returned a `{shown(got.get('type'))}`; "
                                  "expected a tuple `(chosen, skipped)` with `skipped` a list.")
        chosen, skipped = expected_pick([tuple(d) for d in devices], cpus, gpus)
        expect(got.get("chosen") == chosen,
               f"{where}, `pick_device` chose `{shown(got.get('chosen'))}` for a preference of "
               f"{len(devices)} names; expected "
               + ("the canonical name of the first device that exists." if skipped != [
                   device_name(d) for d in devices] else "`/CPU:0` (none of them exists)."))
        expect(got.get("skipped") == skipped,
               f"{where}, `pick_device` reported {len(got.get('skipped') or [])} skipped names "
               f"({', '.join(shown(s) for s in got.get('skipped') or [])}); expected the "
               "canonical names of the entries before the chosen one, in order.")


@pick_device_here.judge
def judge_pick_device_here(obs, names, truth):
    cpus, gpus = obs.int("cpus", "The number of logical CPUs"), obs.int("gpus", "The GPUs")
    judge_picks(obs, truth, cpus, gpus, f"With {cpus} logical CPUs and {gpus} GPU(s)")


@check("q3", points=1, inputs=drawn_preferences)
def pick_device_simulated(student, names, truth):
    """With 0, 1 and 2 GPUs reported (and the real logical CPUs), `pick_device` picks the first
    existing device of drawn preferences and reports the ones skipped."""
    import contextlib
    from unittest import mock

    import tensorflow as tf

    real = {"list_physical_devices": tf.config.list_physical_devices,
            "list_logical_devices": tf.config.list_logical_devices,
            "get_visible_devices": tf.config.get_visible_devices}

    def pretend(n):
        physical = [tf.config.PhysicalDevice(name=f"/physical_device:GPU:{i}", device_type="GPU")
                    for i in range(n)]
        logical = [tf.config.LogicalDevice(name=f"/device:GPU:{i}", device_type="GPU")
                   for i in range(n)]

        def lister(name, fakes):
            def listing(device_type=None):
                if device_type is not None and str(device_type).upper() == "GPU":
                    return list(fakes)
                kept = [d for d in real[name](device_type) if d.device_type != "GPU"]
                return kept + (list(fakes) if device_type is None else [])
            return listing

        stack = contextlib.ExitStack()
        for module in (tf.config, tf.config.experimental):
            for name in real:
                fakes = logical if name == "list_logical_devices" else physical
                stack.enter_context(mock.patch.object(module, name, lister(name, fakes)))
        return stack

    def pick(preference):
        got = student.pick_device(list(preference))
        if not (isinstance(got, tuple) and len(got) == 2 and isinstance(got[1], list)):
            return {"type": type(got).__name__}
        return {"chosen": got[0] if isinstance(got[0], str) else f"<{type(got[0]).__name__}>",
                "skipped": [s if isinstance(s, str) else f"<{type(s).__name__}>" for s in got[1]]}

    out = {"cpus": len(tf.config.list_logical_devices("CPU"))}
    for n in (0, 1, 2):
        with pretend(n):
            out[f"gpus{n}"] = {"picks": [pick(p) for p in names]}
    return out


@pick_device_simulated.judge
def judge_pick_device_simulated(obs, names, truth):
    cpus = obs.int("cpus", "The number of logical CPUs")
    for n in (0, 1, 2):
        judge_picks(obs.part(f"gpus{n}", f"The picks with {n} GPU(s)"), truth, cpus, n,
                    f"With {n} GPU(s) reported")


# ------------------------------------------------------------------------------ q4 ones_on

def known_ones(rng):
    return {"names": ["cpu:2", "/CPU:1"], "truth": [["CPU", 2], ["CPU", 1]],
            "shapes": [[int(d) for d in rng.integers(1, 5, size=2)], []]}


def drawn_ones(rng):
    devices = [("CPU", int(k)) for k in rng.permutation(3)]
    shapes = [[int(d) for d in rng.integers(1, 5, size=int(rng.integers(0, 4)))] for _ in devices]
    return {"names": [spelling(rng, d)[0] for d in devices], "truth": [list(d) for d in devices],
            "shapes": shapes}



@check("q4", points=1, inputs=known_ones, hidden=False)
def ones_on_known(student, names, truth, shapes):
    """`ones_on("cpu:2", shape)` for a 2-d shape and `ones_on("/CPU:1", ())` are float32 ones on
    those devices."""
    import tensorflow as tf
    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "made": []}
    for name, shape in zip(names, shapes):
        t = student.ones_on(name, tuple(shape))
        values = to_numpy(t)
        out["made"].append({"type": type(t).__name__, "device": str(getattr(t, "device", "")),
                            "values": values, "dtype": str(values.dtype)})
    return out


def judge_ones(obs, truth, shapes) -> None:
    cpus_seen(obs)
    made = obs.list("made", "The tensors `ones_on` made", length=len(truth))
    for device, shape, got in zip(truth, shapes, made):
        expect(isinstance(got, dict), "The observation of `ones_on` is malformed.")
        what = f"`ones_on(device, shape)` for `{device_name(device)}` (a shape of rank {len(shape)})"
        values = tensor_on(Observation(got), device, what, tuple(shape))
        expect(bool(np.all(values == 1.0)), f"{what} holds values other than 1.")



@ones_on_known.judge
def judge_ones_on_known(obs, names, truth, shapes):
    judge_ones(obs, truth, shapes)


@check("q4", points=1, inputs=drawn_ones)
def ones_on_drawn(student, names, truth, shapes):
    """Ones of drawn shapes (0-d to 3-d) on each of `/CPU:0`, `/CPU:1` and `/CPU:2`, in drawn
    spellings."""
    import tensorflow as tf
    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "made": []}
    for name, shape in zip(names, shapes):
        t = student.ones_on(name, tuple(shape))
        values = to_numpy(t)
        out["made"].append({"type": type(t).__name__, "device": str(getattr(t, "device", "")),
                            "values": values, "dtype": str(values.dtype)})
    return out


@ones_on_drawn.judge
def judge_ones_on_drawn(obs, names, truth, shapes):
    judge_ones(obs, truth, shapes)


# ------------------------------------------------------------------------------ q5 copy_to

def known_copies(rng):
    return {"sources": [0, 2], "names": ["cpu:2", "/device:CPU:2"], "truth": [["CPU", 2], ["CPU", 2]],
            "values": [rng.normal(size=(2, 3)).astype("float32"),
                       rng.normal(size=(4,)).astype("float32")]}


def drawn_copies(rng):
    sources, targets = [], []
    for same in rng.permutation([True, True, False, False]):
        k = int(rng.integers(3))
        sources.append(k)
        targets.append(k if same else int((k + rng.integers(1, 3)) % 3))
    # Never the long form for a tensor that is already there: comparing raw strings must fail.
    names = [spelling(rng, ("CPU", t), full=s != t)[0] for s, t in zip(sources, targets)]
    values = []
    for _ in sources:
        shape = tuple(int(d) for d in rng.integers(1, 5, size=int(rng.integers(0, 3))))
        values.append(rng.normal(size=shape).astype("float32") if rng.integers(2) else
                      rng.integers(-100, 100, size=shape).astype("int32"))
    return {"sources": sources, "names": names, "truth": [["CPU", t] for t in targets],
            "values": values}


def judge_copies(obs, sources, truth, values) -> None:
    cpus_seen(obs)
    cases = obs.list("cases", "What `copy_to` returned", length=len(truth))
    for k, device, value, got in zip(sources, truth, values, cases):
        expect(isinstance(got, dict), "The observation of `copy_to` is malformed.")
        case = Observation(got)
        which = case.int("which", "Whether `copy_to` returned `x` itself")
        there = ("CPU", k) == tuple(device)
        if there:
            expect(which == 0, "`copy_to(x, device)` returned a new tensor although `x` already "
                               "lives on `device` (named in another spelling); return `x` itself.")
        else:
            expect(which != 0, "`copy_to(x, device)` returned `x` itself although `x` lives on "
                               "another device; return a copy on `device`.")
            got_values = tensor_on(case, device, "The copy `copy_to` returned", value.shape,
                                   dtype=str(value.dtype))
            expect(np.array_equal(got_values, value.astype(np.float64)),
                   "The copy `copy_to` returned holds other values than `x`.")
        expect(device_of(case.str("x_device", "The device of `x`")) == ("CPU", k),
               "`x` moved to another device after `copy_to(x, device)`; leave `x` unchanged.")
        expect(np.array_equal(case.array("x_values", "`x`"), value.astype(np.float64)),
               "`x` holds other values after `copy_to(x, device)`; leave `x` unchanged.")


@check("q5", points=1, inputs=known_copies, hidden=False)
def copy_to_known(student, sources, names, truth, values):
    """A tensor on `/CPU:0` is copied to "cpu:2"; a tensor already on `/CPU:2` comes back itself
    for "/device:CPU:2"."""
    import tensorflow as tf
    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "cases": []}
    for k, name, value in zip(sources, names, values):
        with tf.device(f"/CPU:{k}"):
            x = tf.identity(value)
        y = student.copy_to(x, name)
        got = to_numpy(y)
        out["cases"].append({"which": 0 if y is x else -1, "type": type(y).__name__,
                             "device": str(getattr(y, "device", "")), "values": got,
                             "dtype": str(got.dtype), "x_device": x.device,
                             "x_values": to_numpy(x)})
    return out


@copy_to_known.judge
def judge_copy_to_known(obs, sources, names, truth, values):
    judge_copies(obs, sources, truth, values)


@check("q5", points=1, inputs=drawn_copies)
def copy_to_drawn(student, sources, names, truth, values):
    """Drawn tensors (float32 and int32) between drawn logical CPUs: copies where needed, the
    tensor itself where it already lives, the original unchanged."""
    import tensorflow as tf
    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "cases": []}
    for k, name, value in zip(sources, names, values):
        with tf.device(f"/CPU:{k}"):
            x = tf.identity(value)
        y = student.copy_to(x, name)
        got = to_numpy(y)
        out["cases"].append({"which": 0 if y is x else -1, "type": type(y).__name__,
                             "device": str(getattr(y, "device", "")), "values": got,
                             "dtype": str(got.dtype), "x_device": x.device,
                             "x_values": to_numpy(x)})
    return out


@copy_to_drawn.judge
def judge_copy_to_drawn(obs, sources, names, truth, values):
    judge_copies(obs, sources, truth, values)


# ------------------------------------------------------------------------------ q6 build_on

def known_models(rng):
    return {"names": ["/CPU:1"], "truth": [["CPU", 1]], "kinds": ["sequential"],
            "units": [[int(rng.integers(2, 9)), 1]], "input_shapes": [[2, int(rng.integers(2, 9))]]}


def drawn_models(rng):
    devices = [("CPU", int(k)) for k in rng.permutation([1, 2])]
    units = [[int(u) for u in rng.integers(2, 9, size=int(rng.integers(2, 4)))],
             [int(u) for u in rng.integers(2, 9, size=2)]]
    shapes = [[int(rng.integers(1, 5)), int(rng.integers(2, 9))] for _ in devices]
    return {"names": [spelling(rng, d)[0] for d in devices], "truth": [list(d) for d in devices],
            "kinds": ["sequential", "subclassed"], "units": units, "input_shapes": shapes}


def judge_models(obs, truth, kinds, units, input_shapes) -> None:
    cpus_seen(obs)
    models = obs.list("models", "The models `build_on` returned", length=len(truth))
    for device, kind, widths, shape, got in zip(truth, kinds, units, input_shapes, models):
        expect(isinstance(got, dict), "The observation of `build_on` is malformed.")
        model = Observation(got)
        what = f"a {kind} model" if kind == "sequential" else \
            "a subclassed model with no `build` method"
        calls = model.int("calls", "The number of `make_model` calls")
        expect(calls == 1, f"`build_on` called `make_model` {calls} times for {what}; expected "
                           "once.")
        expect(model.int("which", "Which model `build_on` returned") == 0,
               f"`build_on` returned another object than the model `make_model` made ({what}).")
        sizes = [shape[-1], *widths]
        want = [s for a, b in zip(sizes, sizes[1:]) for s in ((a, b), (b,))]
        got = sorted(model.shapes("shapes", f"The weights of {what}"))
        expect(got == sorted(want), f"The weights of {what} after `build_on` have the shapes "
                                    f"{got}; expected a kernel and a bias per Dense layer, the "
                                    "first kernel as wide as the last axis of `input_shape`.")
        places = [device_of(d) for d in texts(model, "devices", f"The devices of the weights "
                                                                f"of {what}")]
        wrong = [p for p in places if p != tuple(device)]
        expect(not wrong, f"{len(wrong)} of the {len(places)} weights of {what} live on "
                          f"`{device_name(wrong[0]) if wrong and wrong[0] else 'no device'}`, "
                          "not on the device asked for; build the model inside that device's "
                          "scope." if wrong else "")


@check("q6", points=1, inputs=known_models, hidden=False)
def build_on_known(student, names, truth, kinds, units, input_shapes):
    """A Sequential model built by `build_on("/CPU:1", make_model, (2, d))` has all its weights
    on `/CPU:1`."""
    import keras
    import tensorflow as tf

    class TwoDense(keras.Model):
        def __init__(self, widths):
            super().__init__()
            self.first = keras.layers.Dense(widths[0], activation="relu")
            self.second = keras.layers.Dense(widths[1])

        def call(self, x):
            return self.second(self.first(x))

    made = []

    def maker(kind, widths):
        def make_model():
            made.append(keras.Sequential([keras.layers.Dense(w) for w in widths])
                        if kind == "sequential" else TwoDense(widths))
            return made[-1]
        return make_model

    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "models": []}
    for name, kind, widths, shape in zip(names, kinds, units, input_shapes):
        made.clear()
        model = student.build_on(name, maker(kind, widths), tuple(shape))
        own = unique_variables(made[0].weights) if made else []
        out["models"].append({"calls": len(made),
                              "which": next((i for i, m in enumerate(made) if m is model), -1),
                              "shapes": [shape_of(v) for v in own],
                              "devices": [str(v.value.device) for v in own]})
    return out


@build_on_known.judge
def judge_build_on_known(obs, names, truth, kinds, units, input_shapes):
    judge_models(obs, truth, kinds, units, input_shapes)


@check("q6", points=1, inputs=drawn_models)
def build_on_drawn(student, names, truth, kinds, units, input_shapes):
    """A drawn Sequential model and a subclassed model without `build` (lecture 03), each built
    on a drawn logical CPU: every weight is created there, for the given input width."""
    import keras
    import tensorflow as tf

    class TwoDense(keras.Model):
        def __init__(self, widths):
            super().__init__()
            self.first = keras.layers.Dense(widths[0], activation="relu")
            self.second = keras.layers.Dense(widths[1])

        def call(self, x):
            return self.second(self.first(x))

    made = []

    def maker(kind, widths):
        def make_model():
            made.append(keras.Sequential([keras.layers.Dense(w) for w in widths])
                        if kind == "sequential" else TwoDense(widths))
            return made[-1]
        return make_model

    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "models": []}
    for name, kind, widths, shape in zip(names, kinds, units, input_shapes):
        made.clear()
        model = student.build_on(name, maker(kind, widths), tuple(shape))
        own = unique_variables(made[0].weights) if made else []
        out["models"].append({"calls": len(made),
                              "which": next((i for i, m in enumerate(made) if m is model), -1),
                              "shapes": [shape_of(v) for v in own],
                              "devices": [str(v.value.device) for v in own]})
    return out


@build_on_drawn.judge
def judge_build_on_drawn(obs, names, truth, kinds, units, input_shapes):
    judge_models(obs, truth, kinds, units, input_shapes)


# ------------------------------------------------------------------------------ q7 time_op

def schedule(rng, repeats: int) -> dict:
    """Durations (ms) of a controlled op: per call, how long `fn()` takes to return (dispatch,
    3 to 5 ms) and how long until its result is ready (total); call 0 is the warm-up.

    The timed totals are levels around their median `e` (40 to 60 ms): below it at most 0.6 e,
    above it at least 2 e + 20, the largest (the first timed call) at least 9 e + 20, the
    warm-up at least 3 e + 20, and the last timed call the smallest. The judge compares with
    the durations the probe recorded (`timing_window`); each usual mistake is far from their
    median even when one call's wake-up is 35 ms late (which moves the median by up to 35 and
    a mistake by less): skipping the warm-up puts it among the timed calls and drops the
    smallest, so the median moves up to a level >= 2 e + 20; timing the warm-up too gives
    (e + a level >= 2 e + 20) / 2 >= 1.5 e + 10 (0.4 e + 7 >= 23 ms above the window, less
    half a late wake-up); the mean is >= (14 e + 84) / 7 = 2 e + 12 (repeats 7; more for 3
    and 5); the first call or the max is the largest level; no wait for the result gives the
    dispatch median (3-5 ms), seconds give e / 1000, the min is <= 0.6 e.
    """
    m = repeats // 2
    e = float(rng.uniform(40, 60))
    low = sorted(float(v) for v in rng.uniform(8, 0.6 * e, size=m))
    high = [float(v) for v in rng.uniform(2 * e + 20, 2 * e + 40, size=m - 1)]
    top = float(rng.uniform(9 * e + 20, 9 * e + 40))
    middle = [*low[1:], e, *high]
    middle = [middle[int(i)] for i in rng.permutation(len(middle))]
    warm = float(rng.uniform(3 * e + 20, 3 * e + 40))
    return {"dispatch_ms": [float(v) for v in rng.uniform(3, 5, size=repeats + 1)],
            "total_ms": [warm, top, *middle, low[0]], "repeats": repeats}


def schedule_3(rng):
    return schedule(rng, 3)


def schedule_5(rng):
    return dict(schedule(rng, 5), repeats=None)


def schedule_7(rng):
    return schedule(rng, 7)


def timing_window(true_ms: float) -> tuple:
    """What a correct timer may report when the calls it timed took `true_ms` (their median,
    as the probe recorded them: from entering `fn` to the result's conversion returning).

    The student's clock reads sit just outside each recorded interval (microseconds apart), so
    a correct figure is the median of the same intervals: 1 ms below for float rounding, and
    10 % + 3 ms above for a preemption between a clock read and the call on a busy machine.
    A late wake-up lengthens both the recorded interval and the student's, so load cancels out.
    """
    return true_ms - 1.0, 1.1 * true_ms + 3.0


def timing_hint(ms: float, took: list, dispatch: list, warmup) -> str:
    """What a wrong figure most likely comes from (the usual mistakes, on the recorded times)."""
    median = float(np.median(took))
    candidates = [
        (float(np.median(dispatch)), "it looks like the clock stopped when `fn()` returned, "
                                     "before `np.asarray` of the result waited for it"),
        (median / 1e3, "it looks like seconds; return milliseconds"),
        (median * 1e3, "it looks like microseconds; return milliseconds"),
        (float(np.mean(took)), "it looks like the mean; return the median"),
        (float(took[0]), "it looks like only one timed call counted"),
        (float(min(took)), "it looks like the fastest call, not the median"),
        (float(max(took)), "it looks like the slowest call, not the median")]
    if warmup is not None:
        candidates.append((float(np.median([warmup, *took])), "it looks like the warm-up call "
                                                              "was timed too"))
    for value, hint in candidates:
        low, high = timing_window(value)
        if low <= ms <= high:
            return hint + "."
    return ("expected the median of the timed calls in milliseconds, each timed from just "
            "before `fn()` until `np.asarray` of its result returned.")


def judge_timing(obs, total_ms, call: str) -> None:
    """`time_op`'s figure against the durations its calls took, as the probe recorded them."""
    repeats = len(total_ms) - 1
    calls = obs.array("enter", "When the calls of `fn` started").size
    expect(calls == repeats + 1, f"`{call}` called `fn` {calls} times; expected `repeats` + 1 "
                                 "(one untimed warm-up call, then `repeats` timed calls).")
    enter = obs.array("enter", "When the calls of `fn` started", (calls,))
    returned = obs.array("returned", "When the calls of `fn` returned", (calls,))
    ready = obs.list("ready", "When the results were waited for", length=calls)
    expect(all(r is None or isinstance(r, float) for r in ready),
           "The observation of the calls' results is malformed.")
    expect(all(r is not None for r in ready[1:]),
           f"`{call}` never waited for the result of a timed call; call `np.asarray` on "
           "each result before stopping the clock.")
    took = [ready[i] - enter[i] for i in range(1, calls)]
    dispatch = [returned[i] - enter[i] for i in range(1, calls)]
    warmup = None if ready[0] is None else ready[0] - enter[0]
    kind = obs.str("type", "The type of what `time_op` returned")
    expect(obs.raw("ms") is not None, f"`{call}` returned a `{shown(kind)}`; expected a float "
                                      "(milliseconds).")
    ms = float(obs.array("ms", f"What `{call}` returned"))
    low, high = timing_window(float(np.median(took)))
    if not low <= ms <= high:
        raise Fail(f"`{call}` returned a figure that is too {'small' if ms < low else 'large'} "
                   f"for the calls it timed: {timing_hint(ms, took, dispatch, warmup)}")


@check("q7", points=1, inputs=schedule_3, hidden=False, timed=True)
def time_op_three_repeats(student, dispatch_ms, total_ms, repeats):
    """`time_op(fn, repeats=3)` makes 4 calls and returns the median of the last 3 in ms, each
    timed until `np.asarray` of its result returned (results become ready later, like a GPU's)."""
    import time
    calls = []

    class Pending:
        """A result that is ready at a set time, like an asynchronous GPU op's."""

        def __init__(self, call, ready_at):
            self.call, self.ready_at = call, ready_at

        def numpy(self):
            left = self.ready_at - time.perf_counter()
            if left > 0:
                time.sleep(left)
            if calls[self.call][2] is None:
                calls[self.call][2] = time.perf_counter()
            return np.full(2, self.call, dtype="float32")

        def __array__(self, dtype=None, copy=None):
            return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def fn():
        start = time.perf_counter()
        k = min(len(calls), len(total_ms) - 1)
        calls.append([start, None, None])
        time.sleep(dispatch_ms[k] / 1e3)
        calls[-1][1] = time.perf_counter()
        return Pending(len(calls) - 1, start + total_ms[k] / 1e3)

    ms = student.time_op(fn) if repeats is None else student.time_op(fn, repeats)
    number = isinstance(ms, (int, float)) and not isinstance(ms, bool)
    t0 = calls[0][0] if calls else 0.0
    return {"ms": float(ms) if number else None, "type": type(ms).__name__,
            "enter": np.array([1e3 * (c[0] - t0) for c in calls]),
            "returned": np.array([1e3 * (c[1] - t0) for c in calls]),
            "ready": [None if c[2] is None else 1e3 * (c[2] - t0) for c in calls]}


@time_op_three_repeats.judge
def judge_time_op_three_repeats(obs, dispatch_ms, total_ms, repeats):
    judge_timing(obs, total_ms, "time_op(fn, repeats=3)")


@check("q7", points=1, inputs=schedule_5, timed=True)
def time_op_default_repeats(student, dispatch_ms, total_ms, repeats):
    """`time_op(fn)` times 5 calls by default after one warm-up, on a drawn schedule."""
    import time
    calls = []

    class Pending:
        """A result that is ready at a set time, like an asynchronous GPU op's."""

        def __init__(self, call, ready_at):
            self.call, self.ready_at = call, ready_at

        def numpy(self):
            left = self.ready_at - time.perf_counter()
            if left > 0:
                time.sleep(left)
            if calls[self.call][2] is None:
                calls[self.call][2] = time.perf_counter()
            return np.full(2, self.call, dtype="float32")

        def __array__(self, dtype=None, copy=None):
            return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def fn():
        start = time.perf_counter()
        k = min(len(calls), len(total_ms) - 1)
        calls.append([start, None, None])
        time.sleep(dispatch_ms[k] / 1e3)
        calls[-1][1] = time.perf_counter()
        return Pending(len(calls) - 1, start + total_ms[k] / 1e3)

    ms = student.time_op(fn) if repeats is None else student.time_op(fn, repeats)
    number = isinstance(ms, (int, float)) and not isinstance(ms, bool)
    t0 = calls[0][0] if calls else 0.0
    return {"ms": float(ms) if number else None, "type": type(ms).__name__,
            "enter": np.array([1e3 * (c[0] - t0) for c in calls]),
            "returned": np.array([1e3 * (c[1] - t0) for c in calls]),
            "ready": [None if c[2] is None else 1e3 * (c[2] - t0) for c in calls]}


@time_op_default_repeats.judge
def judge_time_op_default_repeats(obs, dispatch_ms, total_ms, repeats):
    judge_timing(obs, total_ms, "time_op(fn)")


@check("q7", points=1, inputs=schedule_7, timed=True)
def time_op_seven_repeats(student, dispatch_ms, total_ms, repeats):
    """`time_op(fn, repeats=7)` on a drawn schedule: 8 calls, the median of the last 7 in ms."""
    import time
    calls = []

    class Pending:
        """A result that is ready at a set time, like an asynchronous GPU op's."""

        def __init__(self, call, ready_at):
            self.call, self.ready_at = call, ready_at

        def numpy(self):
            left = self.ready_at - time.perf_counter()
            if left > 0:
                time.sleep(left)
            if calls[self.call][2] is None:
                calls[self.call][2] = time.perf_counter()
            return np.full(2, self.call, dtype="float32")

        def __array__(self, dtype=None, copy=None):
            return self.numpy() if dtype is None else self.numpy().astype(dtype)

    def fn():
        start = time.perf_counter()
        k = min(len(calls), len(total_ms) - 1)
        calls.append([start, None, None])
        time.sleep(dispatch_ms[k] / 1e3)
        calls[-1][1] = time.perf_counter()
        return Pending(len(calls) - 1, start + total_ms[k] / 1e3)

    ms = student.time_op(fn) if repeats is None else student.time_op(fn, repeats)
    number = isinstance(ms, (int, float)) and not isinstance(ms, bool)
    t0 = calls[0][0] if calls else 0.0
    return {"ms": float(ms) if number else None, "type": type(ms).__name__,
            "enter": np.array([1e3 * (c[0] - t0) for c in calls]),
            "returned": np.array([1e3 * (c[1] - t0) for c in calls]),
            "ready": [None if c[2] is None else 1e3 * (c[2] - t0) for c in calls]}


@time_op_seven_repeats.judge
def judge_time_op_seven_repeats(obs, dispatch_ms, total_ms, repeats):
    judge_timing(obs, total_ms, "time_op(fn, repeats=7)")


# ------------------------------------------------------------------------------ q8 matmul_speedup

def small_n(rng):
    return {"n": int(rng.integers(384, 641))}


@check("q8", points=1, inputs=small_n, hidden=False, timed=True)
def matmul_speedup_runs(student, n):
    """`matmul_speedup(n)` for an n from 384 to 640 returns a positive float (between 0.1 and 10
    with no GPU, where both timings are on the CPU)."""
    import tensorflow as tf
    speedup = student.matmul_speedup(n)
    number = isinstance(speedup, (int, float)) and not isinstance(speedup, bool)
    return {"speedup": float(speedup) if number else None, "type": type(speedup).__name__,
            "gpus": len(tf.config.list_physical_devices("GPU"))}


@matmul_speedup_runs.judge
def judge_matmul_speedup_runs(obs, n):
    kind = obs.str("type", "The type of what `matmul_speedup` returned")
    expect(obs.raw("speedup") is not None, f"`matmul_speedup({n})` returned a `{shown(kind)}`; "
                                           "expected a float (CPU time / GPU time).")
    speedup = float(obs.array("speedup", f"What `matmul_speedup({n})` returned"))
    expect(speedup > 0, f"`matmul_speedup({n})` returned {speedup:.3g}; a ratio of two times "
                        "is positive.")
    if obs.int("gpus", "The number of GPUs") == 0:
        # Both medians time the same product on /CPU:0: measured 0.33 to 2.4 on a 2-core
        # machine under load average 6; outside 0.1 to 10 the figure is not a ratio of the two.
        expect(0.1 <= speedup <= 10, f"`matmul_speedup({n})` returned {speedup:.3g} with no GPU, "
                                     "where both timings are on the CPU; expected about 1 "
                                     "(CPU time / `try_gpu()` time).")


def large_n(rng):
    return {"n": int(rng.integers(2048, 2561))}


@check("q8", points=2, inputs=large_n, gpus=1, timed=True)
def matmul_speedup_on_gpu(student, n):
    """On a GPU, `matmul_speedup(n)` for an n from 2048 to 2560 is at least 3 and within a
    factor of 4 of the grader's own speedup, measured the same way in a clean process."""
    speedup = student.matmul_speedup(n)
    number = isinstance(speedup, (int, float)) and not isinstance(speedup, bool)
    return {"speedup": float(speedup) if number else None, "type": type(speedup).__name__}


@matmul_speedup_on_gpu.fresh(cells=False)
def grader_matmul_speedup(student, files, n):
    """The grader's own CPU and GPU medians (ms) of an n x n product, in a process with no
    student code: inputs made on each device first, one warm-up, median of 5, each call
    waited for with np.asarray."""
    import time

    import tensorflow as tf

    def median_ms(device):
        with tf.device(device):
            m = tf.random.normal((n, n))

        def product():
            with tf.device(device):
                return m @ m

        np.asarray(product())
        times = []
        for _ in range(5):
            start = time.perf_counter()
            np.asarray(product())
            times.append(1e3 * (time.perf_counter() - start))
        return float(np.median(times))

    return {"cpu_ms": median_ms("/CPU:0"), "gpu_ms": median_ms("/GPU:0")}


def grader_figures(obs, keys: tuple) -> dict:
    """The grader's own figures from its clean process; anything wrong there is the grader's
    (or the machine's) problem, raised as a plain exception: a grader error, not a failure."""
    own = obs.raw("fresh")
    if not isinstance(own, dict) or not all(
            isinstance(own.get(k), float) and np.isfinite(own[k]) and own[k] > 0 for k in keys):
        raise RuntimeError("the grader's own GPU measurement is missing or malformed")
    return {k: own[k] for k in keys}


@matmul_speedup_on_gpu.judge
def judge_matmul_speedup_on_gpu(obs, n):
    # A 2048 x 2048 product (the smallest drawn): 17 GFLOP, about 0.1 s on 16 CPU cores and
    # about 1 ms on a GPU, the copy of the 16 MB result to the host included; 3 is far below
    # what any GPU shows.
    # A timer that does not wait for the GPU measures the launch (tens of microseconds), a
    # ratio tens of times the grader's; a factor 4 leaves room for two measurements' noise.
    SPEEDUP_MIN, SPEEDUP_FACTOR = 3.0, 4.0  # stated in the prompt
    own = grader_figures(obs, ("cpu_ms", "gpu_ms"))
    own_speedup = own["cpu_ms"] / own["gpu_ms"]
    if own_speedup < SPEEDUP_MIN:
        raise RuntimeError(f"this grader's GPU measured a speedup of {own_speedup:.3g} < "
                           f"{SPEEDUP_MIN} for n = {n}; the machine cannot grade this check")
    kind = obs.str("type", "The type of what `matmul_speedup` returned")
    expect(obs.raw("speedup") is not None, f"`matmul_speedup({n})` returned a `{shown(kind)}`; "
                                           "expected a float.")
    speedup = float(obs.array("speedup", f"What `matmul_speedup({n})` returned"))
    expect(speedup >= SPEEDUP_MIN,
           f"`matmul_speedup({n})` returned {speedup:.3g} on a GPU; expected at least "
           f"{SPEEDUP_MIN:g} (the GPU should be much faster for a product this large: are both "
           "inputs made on their device before timing, and the GPU one on `try_gpu()`?).")
    expect(speedup <= own_speedup * SPEEDUP_FACTOR,
           f"`matmul_speedup({n})` returned {speedup:.3g}, more than {SPEEDUP_FACTOR:g} times "
           f"the speedup the grader measured ({own_speedup:.3g}): does `time_op` wait for the "
           "result (`np.asarray`) before it stops the clock?")
    expect(speedup >= own_speedup / SPEEDUP_FACTOR,
           f"`matmul_speedup({n})` returned {speedup:.3g}, less than 1/{SPEEDUP_FACTOR:g} of the "
           f"speedup the grader measured ({own_speedup:.3g}): is the GPU product timed on "
           "`try_gpu()` with its input already there?")


# ------------------------------------------------------------------------------ q9 norm_log

def tanh_map(rng, d: int, k: int) -> tuple:
    """W with gain 0.95 (spectral radius about 0.95, so float32 rounding errors shrink from
    step to step instead of growing) and a start h."""
    w = rng.normal(0, 0.95 / np.sqrt(d), size=(d, d)).astype("float32")
    return w, rng.normal(size=(d, k)).astype("float32")


def norm_log(w: np.ndarray, h: np.ndarray, steps: int) -> np.ndarray:
    """The reference log, in float64."""
    h = h.astype(np.float64)
    out = []
    for _step in range(steps):
        h = np.tanh(w.astype(np.float64) @ h)
        out.append(np.sqrt(np.sum(h * h)))
    return np.array(out)


def known_log(rng):
    w, h = tanh_map(rng, 4, 3)
    return {"W": w, "h": h, "steps": 6, "device": 0}


def drawn_log(rng):
    w, h = tanh_map(rng, int(rng.integers(8, 33)), int(rng.integers(1, 7)))
    return {"W": w, "h": h, "steps": int(rng.integers(20, 61)),
            "device": int(rng.integers(3))}


def judge_log(obs, W, h, steps) -> None:
    kind = obs.str("type", "The type of what `norm_log_on_device` returned")
    expect(kind == "ndarray", f"`norm_log_on_device` returned a `{shown(kind)}`; expected a "
                              "NumPy array (copy the stacked log to the host once, at the end).")
    expect(obs.str("dtype", "The dtype of the log") == "float32",
           "`norm_log_on_device` returned an array that is not float32.")
    # float32 rounding: about d * 6e-8 relative per step (d <= 32), shrinking by the gain 0.95
    # per step, so at most 2e-6 / 0.05 = 4e-5 accumulated; rtol 1e-4 leaves a factor 2.5.
    expect_close(obs.array("log", "The log `norm_log_on_device` returned", (steps,)),
                 norm_log(W, h, steps), "The log `norm_log_on_device` returned (the Frobenius "
                                        "norm of h after each step h = tanh(W @ h))",
                 rtol=1e-4, atol=1e-6)


@check("q9", points=1, inputs=known_log, hidden=False)
def norm_log_known(student, W, h, steps, device):
    """The log of a small map on `/CPU:0`: the Frobenius norm after each of 6 steps, a float32
    NumPy array."""
    import tensorflow as tf
    with tf.device(f"/CPU:{device}"):
        w, x = tf.identity(W), tf.identity(h)
    log = student.norm_log_on_device(w, x, steps)
    values = to_numpy(log)
    return {"type": type(log).__name__, "dtype": str(values.dtype), "log": values}


@norm_log_known.judge
def judge_norm_log_known(obs, W, h, steps, device):
    judge_log(obs, W, h, steps)


@check("q9", points=1, inputs=drawn_log)
def norm_log_one_transfer(student, W, h, steps, device):
    """Drawn W, h and steps on a drawn logical CPU: the right log, and exactly one copy to the
    host during the call (`.numpy()`, float/int/bool of a tensor, np.asarray/np.array/
    np.asanyarray and keras.ops.convert_to_numpy of tensors are counted)."""
    import numpy
    import tensorflow as tf
    from tensorflow.python.framework import ops as tf_ops

    with tf.device(f"/CPU:{device}"):
        w, x = tf.identity(W), tf.identity(h)
    eager = type(w)
    count = [0]

    def tensors_in(value):
        if isinstance(value, eager):
            return 1
        if isinstance(value, (list, tuple)):
            return sum(tensors_in(v) for v in value)
        return 0

    def counting(convert):
        def counted(*args, **kwargs):
            if args:
                count[0] += tensors_in(args[0])
            return convert(*args, **kwargs)
        return counted

    real_numpy = tf_ops._EagerTensorBase._numpy

    def counted_numpy(self):
        count[0] += 1
        return real_numpy(self)

    real = {name: getattr(numpy, name) for name in ("asarray", "array", "asanyarray")}
    try:
        tf_ops._EagerTensorBase._numpy = counted_numpy
        for name, convert in real.items():
            setattr(numpy, name, counting(convert))
        log = student.norm_log_on_device(w, x, steps)
    finally:
        tf_ops._EagerTensorBase._numpy = real_numpy
        for name, convert in real.items():
            setattr(numpy, name, convert)
    values = to_numpy(log)
    return {"type": type(log).__name__, "dtype": str(values.dtype), "log": values,
            "copies": count[0]}


@norm_log_one_transfer.judge
def judge_norm_log_one_transfer(obs, W, h, steps, device):
    judge_log(obs, W, h, steps)
    copies = obs.int("copies", "The number of copies to the host")
    expect(copies == 1, f"`norm_log_on_device` copied to the host {copies} times during one "
                        "call; expected exactly once (stack the norms on the device, then one "
                        "`.numpy()`, `np.asarray` or `keras.ops.convert_to_numpy`)"
                        + (": a per-step `float(...)`, `.numpy()` or `np.array` of a list of "
                           "tensors copies every step." if copies > 1 else "."))


def gpu_log(rng):
    return {"d": 2048, "steps": 200, "seed": int(rng.integers(2 ** 31))}


@check("q9", points=1, inputs=gpu_log, gpus=1, timed=True)
def norm_log_faster_on_gpu(student, d, steps, seed):
    """On a GPU (d = k = 2048, 200 steps), `norm_log_on_device` takes at most 0.8 x the time of
    the same loop with a `float(...)` every step, which the grader times in a clean process
    (medians of 5 after a warm-up); its log matches the grader's."""
    import time

    import tensorflow as tf
    rng = np.random.default_rng(seed)
    with tf.device("/GPU:0"):
        w = tf.constant(rng.normal(0, 0.95 / np.sqrt(d), size=(d, d)).astype("float32"))
        h = tf.constant(rng.normal(size=(d, d)).astype("float32"))
    log = student.norm_log_on_device(w, h, steps)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        log = student.norm_log_on_device(w, h, steps)
        np.asarray(log)
        times.append(1e3 * (time.perf_counter() - start))
    return {"ms": float(np.median(times)), "log": to_numpy(log)}


@norm_log_faster_on_gpu.fresh(cells=False)
def grader_norm_logs(student, files, d, steps, seed):
    """The grader's own per-step-transfer loop and transfer-once loop on the GPU, timed the
    same way, in a process with no student code; and the grader's log."""
    import time

    import tensorflow as tf
    rng = np.random.default_rng(seed)
    with tf.device("/GPU:0"):
        w = tf.constant(rng.normal(0, 0.95 / np.sqrt(d), size=(d, d)).astype("float32"))
        h0 = tf.constant(rng.normal(size=(d, d)).astype("float32"))

    def every_step():
        with tf.device("/GPU:0"):
            h, out = h0, []
            for _ in range(steps):
                h = tf.tanh(w @ h)
                out.append(float(tf.norm(h)))
            return np.array(out, dtype="float32")

    def once():
        with tf.device("/GPU:0"):
            h, out = h0, []
            for _ in range(steps):
                h = tf.tanh(w @ h)
                out.append(tf.norm(h))
            return tf.stack(out).numpy()

    figures = {}
    for name, fn in (("every_step_ms", every_step), ("once_ms", once)):
        fn()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            np.asarray(fn())
            times.append(1e3 * (time.perf_counter() - start))
        figures[name] = float(np.median(times))
    return dict(figures, log=once())


@norm_log_faster_on_gpu.judge
def judge_norm_log_faster_on_gpu(obs, d, steps, seed):
    # Each step queues about 0.1 ms of GPU work; a copy every step makes Python wait for it and
    # leaves the GPU idle while the next step is issued, about doubling the time.
    LOG_RATIO = 0.8  # stated in the prompt
    own = grader_figures(obs, ("every_step_ms", "once_ms"))
    if own["once_ms"] > LOG_RATIO * own["every_step_ms"]:
        raise RuntimeError("on this grader's GPU the grader's own transfer-once loop is not "
                           f"{LOG_RATIO} x faster than its per-step loop; it cannot grade this")
    reference = obs.part("fresh", "The grader's own measurement").array("log", "The grader's log")
    # Same GPU, same inputs: TF32 products (1e-3 relative per entry, independent) move a norm
    # over 4 M entries far less than 1e-2; the map contracts (gain 0.95), so errors do not grow.
    expect_close(obs.array("log", "The log on the GPU", (steps,)), reference,
                 "The log `norm_log_on_device` returned on the GPU", rtol=1e-2, atol=1e-4)
    ms = float(obs.array("ms", "The median time of `norm_log_on_device`"))
    expect(ms <= LOG_RATIO * own["every_step_ms"],
           f"On the GPU `norm_log_on_device` took {ms:.1f} ms (median); the loop with a copy "
           f"every step took {own['every_step_ms']:.1f} ms, so yours should take at most "
           f"{LOG_RATIO:g} x that: keep the log on the device and copy it once.")


# ------------------------------------------------------------------------------ q10 two_devices

def chain_ref(a: np.ndarray, b: np.ndarray, links: int = 4) -> np.ndarray:
    """`chain` of the prompt, in float64."""
    x = a.astype(np.float64)
    for _ in range(links):
        x = np.tanh(x @ b.astype(np.float64))
    return x


def chain_inputs(rng, m: int, n: int) -> tuple:
    a = [rng.normal(size=(m, n)).astype("float32") for _ in range(2)]
    b = [rng.normal(0, 1 / np.sqrt(n), size=(n, n)).astype("float32") for _ in range(2)]
    return a, b


def known_pair(rng):
    a, b = chain_inputs(rng, 3, 8)
    return {"a": a, "b": b, "names": ["/CPU:1", "/CPU:2"], "truth": [["CPU", 1], ["CPU", 2]],
            "homes": [0, 0]}


def drawn_pair(rng):
    a, b = chain_inputs(rng, int(rng.integers(2, 7)), int(rng.integers(4, 25)))
    devices = [("CPU", int(k)) for k in rng.choice(3, size=2, replace=False)]
    # Each job's inputs live on the other job's device, so nothing lands right by accident.
    return {"a": a, "b": b, "names": [spelling(rng, d)[0] for d in devices],
            "truth": [list(d) for d in devices], "homes": [devices[1][1], devices[0][1]]}


def judge_pair(obs, a, b, truth) -> None:
    cpus_seen(obs)
    results = obs.list("results", "What `two_devices` returned")
    expect(len(results) == 2, f"`two_devices` returned {len(results)} results; expected a list "
                              "of two tensors.")
    for i, got in enumerate(results):
        expect(isinstance(got, dict), "The observation of `two_devices` is malformed.")
        want = chain_ref(a[i], b[i])
        values = tensor_on(Observation(got), truth[i], f"Result {i} of `two_devices`", want.shape)
        expect_close(values, want, f"Result {i} of `two_devices` (chain(a[{i}], b[{i}]): four "
                                   "times x = tanh(x @ w))")


@check("q10", points=1, inputs=known_pair, hidden=False)
def two_devices_known(student, a, b, names, truth, homes):
    """Inputs on `/CPU:0`, devices `/CPU:1` and `/CPU:2`: both chains right, each result left on
    its device."""
    import tensorflow as tf
    placed = {}
    for key, values in (("a", a), ("b", b)):
        placed[key] = []
        for k, value in zip(homes, values):
            with tf.device(f"/CPU:{k}"):
                placed[key].append(tf.identity(value))
    results = student.two_devices(placed["a"], placed["b"], list(names))
    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "results": []}
    for r in list(results)[:4]:
        values = to_numpy(r)
        out["results"].append({"type": type(r).__name__, "device": str(getattr(r, "device", "")),
                               "values": values, "dtype": str(values.dtype)})
    return out


@two_devices_known.judge
def judge_two_devices_known(obs, a, b, names, truth, homes):
    judge_pair(obs, a, b, truth)


@check("q10", points=1, inputs=drawn_pair)
def two_devices_drawn(student, a, b, names, truth, homes):
    """Drawn sizes, two drawn logical CPUs in drawn spellings, each job's inputs on the other
    device: both chains right, each result left on its device."""
    import tensorflow as tf
    placed = {}
    for key, values in (("a", a), ("b", b)):
        placed[key] = []
        for k, value in zip(homes, values):
            with tf.device(f"/CPU:{k}"):
                placed[key].append(tf.identity(value))
    results = student.two_devices(placed["a"], placed["b"], list(names))
    out = {"cpus": len(tf.config.list_logical_devices("CPU")), "results": []}
    for r in list(results)[:4]:
        values = to_numpy(r)
        out["results"].append({"type": type(r).__name__, "device": str(getattr(r, "device", "")),
                               "values": values, "dtype": str(values.dtype)})
    return out


@two_devices_drawn.judge
def judge_two_devices_drawn(obs, a, b, names, truth, homes):
    judge_pair(obs, a, b, truth)


def gpu_pair(rng):
    return {"n": 4096, "seed": int(rng.integers(2 ** 31))}


@check("q10", points=1, inputs=gpu_pair, gpus=2, timed=True)
def two_devices_overlap_on_gpus(student, n, seed):
    """With two GPUs and 4096 x 4096 inputs already on their devices, `two_devices` on
    ["/GPU:0", "/GPU:1"] takes at most 0.75 x its time on ["/GPU:0", "/GPU:0"] (medians of 5
    after a warm-up, each call timed until both results are ready)."""
    import time

    import tensorflow as tf
    rng = np.random.default_rng(seed)
    a = [rng.normal(size=(n, n)).astype("float32") for _ in range(2)]
    b = [rng.normal(0, 1 / np.sqrt(n), size=(n, n)).astype("float32") for _ in range(2)]
    setups = {}
    for name, devices in (("two", ["/GPU:0", "/GPU:1"]), ("one", ["/GPU:0", "/GPU:0"])):
        placed = {"a": [], "b": []}
        for i, device in enumerate(devices):
            with tf.device(device):
                placed["a"].append(tf.constant(a[i]))
                placed["b"].append(tf.constant(b[i]))
        setups[name] = (placed, devices)

    def run(name):
        placed, devices = setups[name]
        results = student.two_devices(placed["a"], placed["b"], list(devices))
        sums = []
        for r in results:
            with tf.device(r.device):
                sums.append(tf.reduce_sum(r))
        return [float(np.asarray(s)) for s in sums]

    times = {"two": [], "one": []}
    sums = {name: run(name) for name in times}
    for _ in range(5):
        for name in times:   # take turns, so both see the same machine load
            start = time.perf_counter()
            sums[name] = run(name)
            times[name].append(1e3 * (time.perf_counter() - start))
    return {"two_ms": float(np.median(times["two"])), "one_ms": float(np.median(times["one"])),
            "two_sums": np.array(sums["two"]), "one_sums": np.array(sums["one"])}


@two_devices_overlap_on_gpus.fresh(cells=False)
def grader_two_gpus(student, files, n, seed):
    """The grader's own eager two-device and one-device runs of the two chains, timed the same
    way, in a process with no student code."""
    import time

    import tensorflow as tf
    rng = np.random.default_rng(seed)
    a = [rng.normal(size=(n, n)).astype("float32") for _ in range(2)]
    b = [rng.normal(0, 1 / np.sqrt(n), size=(n, n)).astype("float32") for _ in range(2)]

    def chain(x, w):
        for _ in range(4):
            x = tf.tanh(x @ w)
        return x

    setups = {}
    for name, devices in (("two", ["/GPU:0", "/GPU:1"]), ("one", ["/GPU:0", "/GPU:0"])):
        placed = []
        for i, device in enumerate(devices):
            with tf.device(device):
                placed.append((tf.constant(a[i]), tf.constant(b[i]), device))
        setups[name] = placed

    def run(name):
        results = []
        for x, w, device in setups[name]:
            with tf.device(device):
                results.append(tf.reduce_sum(chain(x, w)))
        return [float(np.asarray(s)) for s in results]

    times = {"two": [], "one": []}
    sums = {name: run(name) for name in times}
    for _ in range(5):
        for name in times:
            start = time.perf_counter()
            sums[name] = run(name)
            times[name].append(1e3 * (time.perf_counter() - start))
    return {"two_ms": float(np.median(times["two"])), "one_ms": float(np.median(times["one"])),
            "sums": np.array(sums["two"])}


@two_devices_overlap_on_gpus.judge
def judge_two_devices_overlap_on_gpus(obs, n, seed):
    # Two 4-link chains of 4096 x 4096 products: near-linear scaling gives 0.5; 0.75 leaves room
    # for launch overhead and noise while one device doing both (about 1.0) fails.
    TWO_GPU_RATIO = 0.75  # stated in the prompt
    own = grader_figures(obs, ("two_ms", "one_ms"))
    if own["two_ms"] > TWO_GPU_RATIO * own["one_ms"]:
        raise RuntimeError("on this grader's two GPUs the grader's own chains do not overlap "
                           f"to {TWO_GPU_RATIO} x; it cannot grade this check")
    reference = obs.part("fresh", "The grader's own measurement").array("sums", "Its sums", (2,))
    # Sums of n * n = 16.8 M entries in [-1, 1] (about 4000 in size for random signs): TF32
    # products (1e-3 relative per entry, independent) move a sum by about 1e-3 * 4096 = 4; a
    # chain that is not computed, or computed on other inputs, is off by thousands.
    for key in ("two_sums", "one_sums"):
        expect_close(obs.array(key, "The sums of the results of `two_devices`", (2,)),
                     reference, "The results of `two_devices` on the GPUs (their sums)",
                     rtol=1e-2, atol=50.0)
    two, one = (float(obs.array(k, "A median time of `two_devices`")) for k in ("two_ms",
                                                                                "one_ms"))
    expect(two <= TWO_GPU_RATIO * one,
           f"`two_devices` on two GPUs took {two:.1f} ms (median) and on one GPU {one:.1f} ms; "
           f"expected at most {TWO_GPU_RATIO:g} x the one-GPU time: issue both chains before "
           "waiting for either (no copy to the host in between).")


CHECKS.validate()
