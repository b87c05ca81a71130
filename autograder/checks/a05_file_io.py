"""Checks of assignment 05: file I/O.

The honest test of "saved correctly" is loading elsewhere: a probe lets the student's code write
into `new_dir()` and returns the files (`pack_dir`); a fresh stage loads them in a NEW sandbox,
either after the notebook's cells ran again (`cells=True`: the student's definitions, none of
their objects or memory) or with no student code at all (`cells=False`). Models are the
grader's, with grader-drawn weights; judges recompute every expected value in NumPy.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.draw import batch, dense_chain, dense_params, relu
from autograder.kit.expect import expect, expect_close, expect_shapes
from autograder.kit.probe_runtime import (new_dir, pack_dir, shape_of, to_numpy, unique_variables,
                                           unpack)

CHECKS = Registry("05-file-io")
check = CHECKS.check


def error_name(part, what: str) -> str:
    """The exception type a fresh stage reported ("" for none), safe to show."""
    name = part.str("error", what)
    if name == "" or (len(name) <= 40 and name.replace(".", "_").isidentifier()):
        return name
    return "an exception"


# ------------------------------------------------------------------------------ q1 tensors

def tensor_value(rng, dtype: str | None = None) -> np.ndarray:
    """A tensor of a drawn rank (0 to 3) and dtype; floats use every mantissa bit, so any cast
    or rounding on the way shows."""
    dtypes = ("float32", "float64", "int32", "int64")
    dtype = dtype or dtypes[int(rng.integers(len(dtypes)))]
    shape = tuple(int(d) for d in rng.integers(1, 5, size=int(rng.integers(0, 4))))
    if dtype.startswith("float"):
        return rng.normal(size=shape).astype(dtype)
    return rng.integers(-10 ** 6, 10 ** 6, size=shape).astype(dtype)   # exact in float64


def tensors(rng, n_items: int, n_keys: int, dtype: str | None = None) -> dict:
    words = ("kernel", "bias", "mean", "var", "scale", "step", "moment", "gain")
    keys = [f"{words[i % len(words)]}_{i}" for i in rng.permutation(n_keys)]
    return {"tensor": tensor_value(rng, dtype),
            "items": [tensor_value(rng, dtype) for _ in range(n_items)],
            "named": {k: tensor_value(rng, dtype) for k in keys}}


def few_tensors(rng):
    return tensors(rng, 3, 2, "float32")


def many_tensors(rng):
    # Lists past 10 entries: names such as arr_10 sort before arr_2 as text.
    return tensors(rng, int(rng.integers(11, 15)), int(rng.integers(3, 7)))


def loaded_arrays(part, what: str) -> tuple[list, list]:
    """The arrays a probe read back and their dtype names, one of each per tensor."""
    arrays = part.arrays("arrays", f"The tensors {what}")
    dtypes = part.list("dtypes", f"The dtypes of the tensors {what}", length=len(arrays))
    expect(all(isinstance(d, str) for d in dtypes), f"The dtypes of the tensors {what} are not "
                                                    "names.")
    return arrays, dtypes


def judge_tensor(got: np.ndarray, dtype: str, want: np.ndarray, what: str) -> None:
    """One loaded tensor against the one that was saved: shape, dtype, exact values."""
    what = what[0].upper() + what[1:]
    expect(tuple(got.shape) == want.shape,
           f"{what} came back with shape {tuple(got.shape)}; it was saved with another shape.")
    expect(dtype == str(want.dtype), f"{what} came back with dtype `{dtype[:20]}`, not the dtype "
                                     "it was saved with.")
    expect(np.array_equal(got, want.astype(np.float64)),
           f"{what} came back with other values than were saved; the round trip must be exact.")


def judge_loaded(obs, tensor, items, named, where: str) -> None:
    """What `load_tensors` returned for the saved tensor, list and dict."""
    one = obs.part("tensor", "What `load_tensors` returned for a tensor")
    kind = one.str("kind", "The kind of object `load_tensors` returned")
    expect(kind == "tensor", f"`load_tensors` {where} returned a {kind[:20]} for a folder "
                             "holding one tensor; expected an array or tensor.")
    arrays, dtypes = loaded_arrays(one, "of a single tensor")
    expect(len(arrays) == 1, "The observation of a single tensor is malformed.")
    judge_tensor(arrays[0], dtypes[0], tensor, f"the single tensor `load_tensors` returned {where}")

    seq = obs.part("list", "What `load_tensors` returned for a list")
    kind = seq.str("kind", "The kind of object `load_tensors` returned")
    expect(kind == "list", f"`load_tensors` {where} returned a {kind[:20]} for a folder holding "
                           "a list; expected a `list`.")
    arrays, dtypes = loaded_arrays(seq, "of the list")
    expect(len(arrays) == len(items), f"`load_tensors` {where} returned a list of {len(arrays)} "
                                      "tensors; that is not the number saved.")
    for i, want in enumerate(items):
        judge_tensor(arrays[i], dtypes[i], want, f"entry {i} of the list `load_tensors` returned {where}")

    mapping = obs.part("dict", "What `load_tensors` returned for a dict")
    kind = mapping.str("kind", "The kind of object `load_tensors` returned")
    expect(kind == "dict", f"`load_tensors` {where} returned a {kind[:20]} for a folder holding "
                           "a dict; expected a `dict`.")
    arrays, dtypes = loaded_arrays(mapping, "of the dict")
    keys = mapping.list("keys", "The keys of the dict", length=len(arrays))
    expect(all(isinstance(k, str) for k in keys) and sorted(keys) == sorted(named),
           f"`load_tensors` {where} returned a dict with other keys than were saved.")
    for key, want in named.items():
        i = keys.index(key)
        judge_tensor(arrays[i], dtypes[i], want, f"an entry of the dict `load_tensors` returned {where}")


@check("q1", points=1, inputs=few_tensors, hidden=False)
def tensors_round_trip_here(student, tensor, items, named):
    """`load_tensors` gives back exactly the tensor, list and dict that `save_tensors` wrote."""
    import shutil

    import keras

    def described(obj):
        if isinstance(obj, dict):
            keys, values, kind = [str(k) for k in obj], list(obj.values()), "dict"
        elif isinstance(obj, list):
            keys, values, kind = [], obj, "list"
        else:
            keys, values, kind = [], [obj], "tensor" if hasattr(obj, "shape") else \
                type(obj).__name__
        arrays = [to_numpy(v) for v in values]
        return {"kind": kind, "keys": keys, "arrays": arrays,
                "dtypes": [str(a.dtype) for a in arrays]}

    out = {}
    for name, obj in (("tensor", keras.ops.convert_to_tensor(tensor)),
                      ("list", [keras.ops.convert_to_tensor(t) for t in items]),
                      ("dict", {k: keras.ops.convert_to_tensor(t) for k, t in named.items()})):
        folder = new_dir()
        try:
            student.save_tensors(folder, obj)
            out[name] = described(student.load_tensors(folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return out


@tensors_round_trip_here.judge
def judge_tensors_round_trip_here(obs, tensor, items, named):
    judge_loaded(obs, tensor, items, named, "in the same process")


@check("q1", points=1, inputs=many_tensors)
def tensors_round_trip_fresh(student, tensor, items, named):
    """In a new process (your cells run again), `load_tensors` rebuilds a tensor, a list of more
    than ten tensors and a dict, of several dtypes, exactly."""
    import os
    import shutil

    import keras
    root = new_dir()
    try:
        for name, obj in (("tensor", keras.ops.convert_to_tensor(tensor)),
                          ("list", [keras.ops.convert_to_tensor(t) for t in items]),
                          ("dict", {k: keras.ops.convert_to_tensor(t) for k, t in named.items()})):
            os.mkdir(os.path.join(root, name))
            student.save_tensors(os.path.join(root, name), obj)
        return {"files": pack_dir(root)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@tensors_round_trip_fresh.fresh(cells=True)
def load_tensors_elsewhere(student, files, tensor, items, named):
    import os
    import shutil

    def described(obj):
        if isinstance(obj, dict):
            keys, values, kind = [str(k) for k in obj], list(obj.values()), "dict"
        elif isinstance(obj, list):
            keys, values, kind = [], obj, "list"
        else:
            keys, values, kind = [], [obj], "tensor" if hasattr(obj, "shape") else \
                type(obj).__name__
        arrays = [to_numpy(v) for v in values]
        return {"kind": kind, "keys": keys, "arrays": arrays,
                "dtypes": [str(a.dtype) for a in arrays]}

    root = unpack(files)
    try:
        return {name: described(student.load_tensors(os.path.join(root, name)))
                for name in ("tensor", "list", "dict")}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@tensors_round_trip_fresh.judge
def judge_tensors_round_trip_fresh(obs, tensor, items, named):
    judge_loaded(obs.part("fresh", "What the new process loaded"), tensor, items, named,
                 "in a new process")


@check("q1", points=1, inputs=many_tensors)
def tensors_saved_without_pickle(student, tensor, items, named):
    """A process with none of your code reads every saved tensor's values without unpickling
    (`np.load(..., allow_pickle=False)`, `h5py`, `json`)."""
    import os
    import shutil

    import keras
    root = new_dir()
    try:
        for name, obj in (("tensor", keras.ops.convert_to_tensor(tensor)),
                          ("list", [keras.ops.convert_to_tensor(t) for t in items]),
                          ("dict", {k: keras.ops.convert_to_tensor(t) for k, t in named.items()})):
            os.mkdir(os.path.join(root, name))
            student.save_tensors(os.path.join(root, name), obj)
        return {"files": pack_dir(root)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@tensors_saved_without_pickle.fresh(cells=False)
def read_tensors_without_pickle(student, files, tensor, items, named):
    import json
    import os
    import shutil
    root = unpack(files)
    found, refused = [], []
    for top, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            full = os.path.join(top, name)
            suffix = os.path.splitext(name)[1].lower()
            try:
                if suffix == ".npy":
                    found.append(np.load(full, allow_pickle=False))
                elif suffix == ".npz":
                    with np.load(full, allow_pickle=False) as f:
                        found += [f[k] for k in f.files]
                elif suffix in (".h5", ".hdf5"):
                    import h5py

                    def collect(_, node, into=found):
                        if isinstance(node, h5py.Dataset):
                            into.append(np.asarray(node[()]))

                    with h5py.File(full, "r") as f:
                        f.visititems(collect)
                elif suffix == ".json":
                    with open(full) as f:
                        json.load(f)
                else:
                    refused.append(f"{name[-40:]} (a file of another kind)")
            except Exception as exc:  # noqa: BLE001 - a file the grader cannot read is the answer
                refused.append(f"{name[-40:]} ({type(exc).__name__})")
    shutil.rmtree(root, ignore_errors=True)
    numeric = [a for a in found if a.dtype.kind in "iuf"]
    return {"arrays": numeric, "dtypes": [str(a.dtype) for a in numeric], "refused": refused}


@tensors_saved_without_pickle.judge
def judge_tensors_saved_without_pickle(obs, tensor, items, named):
    read = obs.part("fresh", "What the process without your code read")
    refused = read.list("refused", "The files the grader could not read")
    expect(refused == [], "The files `save_tensors` wrote cannot all be read without pickle and "
                          f"without your code: `{str(refused[0])[:80] if refused else ''}`. Use "
                          "`.npy`/`.npz` (loaded with `allow_pickle=False`), `.h5` and `.json` only.")
    arrays = read.arrays("arrays", "The arrays in the files `save_tensors` wrote")
    dtypes = read.list("dtypes", "The dtypes of those arrays")
    expect(len(dtypes) == len(arrays), "The grader's reading of your files was malformed.")
    saved = [tensor, *items, *named.values()]
    missing = sum(not any(d == str(w.dtype) and a.shape == w.shape
                          and np.array_equal(a, w.astype(np.float64))
                          for a, d in zip(arrays, dtypes)) for w in saved)
    expect(missing == 0, f"{missing} of the {len(saved)} tensors given to `save_tensors` are not "
                         "stored as arrays (same shape, dtype and values) in its `.npy`, `.npz` "
                         "or `.h5` files.")


# ------------------------------------------------------------------------------- q2 clone

def dense_net(rng, depth: int) -> dict:
    widths = [int(w) for w in rng.integers(2, 9, size=depth + 1)]
    params = [dense_params(rng, widths[i], widths[i + 1]) for i in range(depth)]
    return {"x": batch(rng, widths[0]), "kernels": [p[0] for p in params],
            "biases": [p[1] for p in params]}


def two_layer_net(rng):
    return dense_net(rng, 2)


def some_net(rng):
    return dense_net(rng, int(rng.integers(2, 5)))


@check("q2", points=1, inputs=two_layer_net, hidden=False)
def clone_reproduces_outputs(student, x, kernels, biases):
    """The model `save_and_clone` returns computes what `net` computes."""
    import os
    import shutil

    import keras
    n = len(kernels)
    net = keras.Sequential([keras.Input((x.shape[1],))] + [
        keras.layers.Dense(k.shape[1], activation="relu" if i < n - 1 else None)
        for i, k in enumerate(kernels)])
    for layer, k, b in zip(net.layers, kernels, biases):
        layer.set_weights([k, b])
    root = new_dir()
    try:
        clone = student.save_and_clone(net, os.path.join(root, "net.weights.h5"))
        return {"y": to_numpy(clone(x))}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@clone_reproduces_outputs.judge
def judge_clone_reproduces_outputs(obs, x, kernels, biases):
    expect_close(obs.raw("y"), dense_chain(x, kernels, biases, activation=relu),
                 "The output of the model `save_and_clone(net, path)` returned")


@check("q2", points=1, inputs=some_net)
def clone_is_independent(student, x, kernels, biases):
    """The clone matches `net` and keeps its outputs when `net`'s weights change afterwards."""
    import os
    import shutil

    import keras
    n = len(kernels)
    net = keras.Sequential([keras.Input((x.shape[1],))] + [
        keras.layers.Dense(k.shape[1], activation="relu" if i < n - 1 else None)
        for i, k in enumerate(kernels)])
    for layer, k, b in zip(net.layers, kernels, biases):
        layer.set_weights([k, b])
    root = new_dir()
    try:
        clone = student.save_and_clone(net, os.path.join(root, "net.weights.h5"))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    before = to_numpy(clone(x))
    for layer, k, b in zip(net.layers, kernels, biases):
        layer.set_weights([k + 1, b - 1])
    return {"before": before, "after": to_numpy(clone(x))}


@clone_is_independent.judge
def judge_clone_is_independent(obs, x, kernels, biases):
    want = dense_chain(x, kernels, biases, activation=relu)
    expect_close(obs.raw("before"), want, "The output of the model `save_and_clone` returned")
    expect_close(obs.raw("after"), want, "The clone's output after the grader changed `net`'s "
                                         "weights (the clone must have its own variables)")


@check("q2", points=1, inputs=some_net)
def clone_weights_file_loads_elsewhere(student, x, kernels, biases):
    """A process with none of your code loads `path` into a new model of the same architecture
    with `load_weights`."""
    import os
    import shutil

    import keras
    n = len(kernels)
    net = keras.Sequential([keras.Input((x.shape[1],))] + [
        keras.layers.Dense(k.shape[1], activation="relu" if i < n - 1 else None)
        for i, k in enumerate(kernels)])
    for layer, k, b in zip(net.layers, kernels, biases):
        layer.set_weights([k, b])
    root = new_dir()
    try:
        student.save_and_clone(net, os.path.join(root, "net.weights.h5"))
        return {"files": pack_dir(root)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@clone_weights_file_loads_elsewhere.fresh(cells=False)
def load_weights_elsewhere(student, files, x, kernels, biases):
    import os
    import shutil

    import keras
    root = unpack(files)
    path = os.path.join(root, "net.weights.h5")
    n = len(kernels)
    net = keras.Sequential([keras.Input((x.shape[1],))] + [
        keras.layers.Dense(k.shape[1], activation="relu" if i < n - 1 else None)
        for i, k in enumerate(kernels)])
    try:
        if not os.path.isfile(path):
            return {"error": "missing"}
        net.load_weights(path)
    except Exception as exc:  # noqa: BLE001 - the file is the student's answer
        return {"error": type(exc).__name__}
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"error": "", "y": to_numpy(net(x))}


@clone_weights_file_loads_elsewhere.judge
def judge_clone_weights_file_loads_elsewhere(obs, x, kernels, biases):
    loaded = obs.part("fresh", "What the process without your code loaded")
    error = error_name(loaded, "The loading error")
    expect(error != "missing", "`save_and_clone(net, path)` left no file at `path`; save the "
                               "weights there with `net.save_weights(path)`.")
    expect(error == "", f"The file `save_and_clone` wrote at `path` could not be loaded with "
                        f"`load_weights` into a new model of the same architecture ({error}).")
    expect_close(loaded.raw("y"), dense_chain(x, kernels, biases, activation=relu),
                 "A new model of `net`'s architecture after `load_weights(path)`")


# ------------------------------------------------------------------ q3 custom layer, .keras

def clipped_inputs(rng):
    d, units, k = (int(v) for v in rng.integers(2, 8, size=3))
    w, b = dense_params(rng, d, units)
    w2, b2 = dense_params(rng, units, k)
    # Inputs of sd 2 put most pre-activations past a limit in [0.3, 0.8): the clip matters.
    return {"x": 2 * batch(rng, d, rows=(4, 9)), "w": w, "b": b, "w2": w2, "b2": b2,
            "limit": float(rng.uniform(0.3, 0.8))}


def clipped(x, w, b, limit) -> np.ndarray:
    return np.clip(x.astype(np.float64) @ w + b, -limit, limit)


@check("q3", points=1, inputs=clipped_inputs, hidden=False)
def clipped_dense_forward(student, x, w, b, w2, b2, limit):
    """`ClippedDense(units, limit=...)` creates `kernel` and `bias` in `build` and returns
    clip(x @ kernel + bias, -limit, limit)."""
    layer = student.ClippedDense(w.shape[1], limit=limit)
    layer(x[:1])
    shapes = [shape_of(v) for v in layer.trainable_weights]
    layer.kernel.assign(w)
    layer.bias.assign(b)
    return {"shapes": shapes, "y": to_numpy(layer(x))}


@clipped_dense_forward.judge
def judge_clipped_dense_forward(obs, x, w, b, w2, b2, limit):
    expect_shapes(obs.shapes("shapes", "The trainable weights of `ClippedDense`"),
                  [w.shape, b.shape], "The trainable weights of `ClippedDense` (a kernel and a "
                                      "bias)", ordered=False)
    expect_close(obs.raw("y"), clipped(x, w, b, limit),
                 "`ClippedDense(units, limit=limit)(x)` with known `kernel` and `bias`")


@check("q3", points=1, inputs=clipped_inputs)
def clipped_dense_config_round_trip(student, x, w, b, w2, b2, limit):
    """`ClippedDense.from_config(layer.get_config())` rebuilds a layer with the same units and
    limit."""
    config = student.ClippedDense(w.shape[1], limit=limit).get_config()
    try:
        again = student.ClippedDense.from_config(config)
    except Exception as exc:  # noqa: BLE001 - Keras calls ClippedDense(**config) here
        return {"error": type(exc).__name__}
    again(x[:1])
    again.kernel.assign(w)
    again.bias.assign(b)
    return {"error": "", "y": to_numpy(again(x))}


@clipped_dense_config_round_trip.judge
def judge_clipped_dense_config_round_trip(obs, x, w, b, w2, b2, limit):
    error = error_name(obs, "The error of `ClippedDense.from_config`")
    expect(error == "", f"`ClippedDense.from_config(layer.get_config())` raised {error}: Keras "
                        "calls `ClippedDense(**config)`, so `__init__` must accept every key of "
                        "`get_config()`, with `**kwargs` for `name`, `trainable` and `dtype`.")
    expect_close(obs.raw("y"), clipped(x, w, b, limit),
                 "A `ClippedDense` rebuilt with `from_config(get_config())` (does `get_config` "
                 "return `units` and `limit`?)")


@check("q3", points=2, inputs=clipped_inputs)
def keras_file_loads_elsewhere(student, x, w, b, w2, b2, limit):
    """In a new process (your cells run again), `keras.saving.load_model` loads the `.keras` file
    `save_model` wrote, and the model computes what the saved one computed."""
    import os
    import shutil

    import keras
    net = keras.Sequential([keras.Input((x.shape[1],)),
                            student.ClippedDense(w.shape[1], limit=limit),
                            keras.layers.Dense(w2.shape[1])])
    net.layers[0].kernel.assign(w)
    net.layers[0].bias.assign(b)
    net.layers[1].set_weights([w2, b2])
    root = new_dir()
    try:
        student.save_model(net, os.path.join(root, "model.keras"))
        return {"files": pack_dir(root)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@keras_file_loads_elsewhere.fresh(cells=True)
def load_keras_file_elsewhere(student, files, x, w, b, w2, b2, limit):
    import os
    import shutil

    import keras
    root = unpack(files)
    path = os.path.join(root, "model.keras")
    try:
        if not os.path.isfile(path):
            return {"error": "missing"}
        model = keras.saving.load_model(path)
    except Exception as exc:  # noqa: BLE001 - the file is the student's answer
        return {"error": type(exc).__name__}
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return {"error": "", "y": to_numpy(model(x))}


@keras_file_loads_elsewhere.judge
def judge_keras_file_loads_elsewhere(obs, x, w, b, w2, b2, limit):
    loaded = obs.part("fresh", "What the new process loaded")
    error = error_name(loaded, "The loading error")
    expect(error != "missing", "`save_model(net, path)` left no file at `path`; save the whole "
                               "model there with `net.save(path)`.")
    expect(error == "", "In a new process that ran your notebook's cells, "
                        "`keras.saving.load_model` could not load the file `save_model` wrote "
                        f"({error}). Is `ClippedDense` registered with "
                        "`@keras.saving.register_keras_serializable`, does its `__init__` accept "
                        "`**kwargs`, and does `get_config` return every constructor argument?")
    expect_close(loaded.raw("y"), clipped(x, w, b, limit) @ w2 + b2,
                 "The model loaded from your `.keras` file in a new process (does `get_config` "
                 "return `units` and `limit`?)")


# ------------------------------------------------------------------------ q4 SavedModel

def served_inputs(rng):
    d, h, k = (int(v) for v in rng.integers(2, 8, size=3))
    w1, b1 = dense_params(rng, d, h)
    w2, b2 = dense_params(rng, h, k)
    return {"x": batch(rng, d), "more": batch(rng, d, rows=(7, 12)), "w1": w1, "b1": b1,
            "w2": w2, "b2": b2}


def served(x, w1, b1, w2, b2) -> np.ndarray:
    return np.sin(x.astype(np.float64) @ w1 + b1) @ w2 + b2


def judge_serve_error(part, where: str) -> None:
    """Fails with a message when the SavedModel could not be loaded and called `where`."""
    error = part.str("error", "The loading error")
    expect(error != "missing", "`export_for_serving(net, path)` left no folder at `path`; write "
                               "the SavedModel there with `net.export(path)`.")
    expect(error != "several outputs", "The `serve` endpoint of your SavedModel returns several "
                                       "outputs (a dict or list); it should return one tensor.")
    error = error_name(part, "The loading error")
    expect(error == "", f"`keras.layers.TFSMLayer(path, call_endpoint=\"serve\")` {where} could "
                        f"not load and call the folder `export_for_serving` wrote ({error}). "
                        "Write a SavedModel with a `serve` endpoint (`net.export(path)`), not a "
                        "`.keras` file or a pickle.")


@check("q4", points=1, inputs=served_inputs, hidden=False)
def export_serves_here(student, x, more, w1, b1, w2, b2):
    """The folder `export_for_serving` writes has a `serve` endpoint that reproduces the model
    (loaded here with `keras.layers.TFSMLayer`)."""
    import os
    import shutil

    import keras

    class Wave(keras.layers.Layer):
        """The grader's own custom layer: sin, elementwise."""

        def call(self, h):
            return keras.ops.sin(h)

    net = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(w1.shape[1]), Wave(),
                            keras.layers.Dense(w2.shape[1])])
    net.layers[0].set_weights([w1, b1])
    net.layers[2].set_weights([w2, b2])
    root = new_dir()
    path = os.path.join(root, "served")
    try:
        student.export_for_serving(net, path)
        if not os.path.isdir(path):
            return {"error": "missing"}
        try:
            y = keras.layers.TFSMLayer(path, call_endpoint="serve")(x)
        except Exception as exc:  # noqa: BLE001 - the folder is the student's answer
            return {"error": type(exc).__name__}
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if isinstance(y, (dict, list, tuple)):
        return {"error": "several outputs"}
    return {"error": "", "y": to_numpy(y)}


@export_serves_here.judge
def judge_export_serves_here(obs, x, more, w1, b1, w2, b2):
    judge_serve_error(obs, "in the same process")
    expect_close(obs.raw("y"), served(x, w1, b1, w2, b2),
                 "The `serve` endpoint of the SavedModel `export_for_serving` wrote")


@check("q4", points=2, inputs=served_inputs)
def export_serves_elsewhere(student, x, more, w1, b1, w2, b2):
    """A process with none of your code and none of the model's classes loads the SavedModel with
    `keras.layers.TFSMLayer(path, call_endpoint="serve")` and reproduces the model on batches of
    other sizes."""
    import os
    import shutil

    import keras

    class Wave(keras.layers.Layer):
        """The grader's own custom layer: sin, elementwise."""

        def call(self, h):
            return keras.ops.sin(h)

    net = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(w1.shape[1]), Wave(),
                            keras.layers.Dense(w2.shape[1])])
    net.layers[0].set_weights([w1, b1])
    net.layers[2].set_weights([w2, b2])
    root = new_dir()
    try:
        student.export_for_serving(net, os.path.join(root, "served"))
        return {"files": pack_dir(root)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@export_serves_elsewhere.fresh(cells=False)
def serve_elsewhere(student, files, x, more, w1, b1, w2, b2):
    import os
    import shutil

    import keras
    root = unpack(files)
    path = os.path.join(root, "served")
    try:
        if not os.path.isdir(path):
            return {"error": "missing"}
        endpoint = keras.layers.TFSMLayer(path, call_endpoint="serve")
        outputs = [endpoint(x), endpoint(more)]
    except Exception as exc:  # noqa: BLE001 - the folder is the student's answer
        return {"error": type(exc).__name__}
    finally:
        shutil.rmtree(root, ignore_errors=True)
    if any(isinstance(y, (dict, list, tuple)) for y in outputs):
        return {"error": "several outputs"}
    return {"error": "", "y": to_numpy(outputs[0]), "y_more": to_numpy(outputs[1])}


@export_serves_elsewhere.judge
def judge_export_serves_elsewhere(obs, x, more, w1, b1, w2, b2):
    loaded = obs.part("fresh", "What the process without your code loaded")
    judge_serve_error(loaded, "in a process without your code or the model's classes")
    expect_close(loaded.raw("y"), served(x, w1, b1, w2, b2),
                 "The `serve` endpoint of your SavedModel, loaded without your code")
    expect_close(loaded.raw("y_more"), served(more, w1, b1, w2, b2),
                 "The `serve` endpoint of your SavedModel on a batch of another size")


# ------------------------------------------------------------------------- q5 transfer

def transfer_nets(rng, same_third: bool) -> dict:
    d, a, b, c = (int(v) for v in rng.integers(2, 8, size=4))
    e = c if same_third else c + int(rng.integers(1, 4))
    old = [dense_params(rng, *s) for s in ((d, a), (a, b), (b, c))]
    new = [dense_params(rng, *s) for s in ((d, a), (a, b), (b, e))]
    if rng.integers(2):                       # sometimes a deeper new model
        new.append(dense_params(rng, e, int(rng.integers(2, 8))))
    return {"x": batch(rng, d), "old_kernels": [p[0] for p in old],
            "old_biases": [p[1] for p in old], "new_kernels": [p[0] for p in new],
            "new_biases": [p[1] for p in new]}


def transfer_public(rng):
    return transfer_nets(rng, same_third=False)


def transfer_hidden(rng):
    # The third layers have the same shapes: copying "every layer that fits" shows.
    return transfer_nets(rng, same_third=True)


def transferred(x, old_kernels, old_biases, new_kernels, new_biases) -> np.ndarray:
    return dense_chain(x, old_kernels[:2] + new_kernels[2:], old_biases[:2] + new_biases[2:],
                       activation=relu)


@check("q5", points=1, inputs=transfer_public, hidden=False)
def transfer_head_output(student, x, old_kernels, old_biases, new_kernels, new_biases):
    """The returned model computes with `old`'s first two layers and `new`'s other layers."""
    import keras

    def sequential(kernels, biases):
        net = keras.Sequential([keras.Input((x.shape[1],))] + [
            keras.layers.Dense(k.shape[1], activation="relu" if i < len(kernels) - 1 else None)
            for i, k in enumerate(kernels)])
        for layer, k, b in zip(net.layers, kernels, biases):
            layer.set_weights([k, b])
        return net

    old, new = sequential(old_kernels, old_biases), sequential(new_kernels, new_biases)
    return {"y": to_numpy(student.transfer_head(old, new)(x))}


@transfer_head_output.judge
def judge_transfer_head_output(obs, x, old_kernels, old_biases, new_kernels, new_biases):
    expect_close(obs.raw("y"), transferred(x, old_kernels, old_biases, new_kernels, new_biases),
                 "The output of `transfer_head(old, new)` (old's first two layers, then new's "
                 "other layers)")


@check("q5", points=1, inputs=transfer_hidden)
def transfer_head_copies_only_two(student, x, old_kernels, old_biases, new_kernels, new_biases):
    """Exactly the first two layers are copied (later layers keep `new`'s weights even where
    `old` has a layer of the same shape), and `old` is left unchanged."""
    import keras

    def sequential(kernels, biases):
        net = keras.Sequential([keras.Input((x.shape[1],))] + [
            keras.layers.Dense(k.shape[1], activation="relu" if i < len(kernels) - 1 else None)
            for i, k in enumerate(kernels)])
        for layer, k, b in zip(net.layers, kernels, biases):
            layer.set_weights([k, b])
        return net

    old, new = sequential(old_kernels, old_biases), sequential(new_kernels, new_biases)
    y = to_numpy(student.transfer_head(old, new)(x))
    return {"y": y, "old": [to_numpy(v) for v in old.get_weights()]}


@transfer_head_copies_only_two.judge
def judge_transfer_head_copies_only_two(obs, x, old_kernels, old_biases, new_kernels,
                                        new_biases):
    expect_close(obs.raw("y"), transferred(x, old_kernels, old_biases, new_kernels, new_biases),
                 "The output of `transfer_head(old, new)` (only the first two layers copied; "
                 "later layers keep new's weights)")
    olds = obs.arrays("old", "The weights of `old` after `transfer_head`",
                      length=2 * len(old_kernels))
    saved = [w for pair in zip(old_kernels, old_biases) for w in pair]
    expect(all(a.shape == s.shape and np.array_equal(a, s) for a, s in zip(olds, saved)),
           "`transfer_head(old, new)` changed `old`'s weights; it should only read them.")


@check("q5", points=1, inputs=transfer_hidden)
def transfer_head_makes_copies(student, x, old_kernels, old_biases, new_kernels, new_biases):
    """The copied weights are the returned model's own variables: changing `old` afterwards does
    not change its outputs, and changing its weights does not change `old`."""
    import keras

    def sequential(kernels, biases):
        net = keras.Sequential([keras.Input((x.shape[1],))] + [
            keras.layers.Dense(k.shape[1], activation="relu" if i < len(kernels) - 1 else None)
            for i, k in enumerate(kernels)])
        for layer, k, b in zip(net.layers, kernels, biases):
            layer.set_weights([k, b])
        return net

    old, new = sequential(old_kernels, old_biases), sequential(new_kernels, new_biases)
    m = student.transfer_head(old, new)
    before = to_numpy(m(x))
    for layer, k, b in zip(old.layers, old_kernels, old_biases):
        layer.set_weights([k + 1, b - 1])
    after = to_numpy(m(x))
    for v in unique_variables(m.trainable_variables):
        v.assign(v * 0)
    return {"before": before, "after": after, "old": [to_numpy(v) for v in old.get_weights()]}


@transfer_head_makes_copies.judge
def judge_transfer_head_makes_copies(obs, x, old_kernels, old_biases, new_kernels, new_biases):
    before = obs.array("before", "The output of the model `transfer_head` returned")
    expect_close(obs.raw("after"), before,
                 "The output of the model `transfer_head(old, new)` returned, after the grader "
                 "changed `old`'s weights (it should not change: copy the values, do not reuse "
                 "`old`'s layers or variables)")
    olds = obs.arrays("old", "The weights of `old`", length=2 * len(old_kernels))
    shifted = [w for k, b in zip(old_kernels, old_biases) for w in (k + 1, b - 1)]
    expect(all(a.shape == s.shape and np.array_equal(a, s) for a, s in zip(olds, shifted)),
           "Changing the weights of the model `transfer_head` returned changed `old`'s weights; "
           "copy the values, do not reuse `old`'s layers or variables.")


# ----------------------------------------------------------------------- q6 checkpoints

def regression(rng, steps: int, every: int) -> dict:
    d, k = int(rng.integers(2, 6)), int(rng.integers(1, 4))
    w, b = dense_params(rng, d, k)
    x = batch(rng, d, rows=(8, 13))
    y = (x @ rng.normal(size=(d, k)) + rng.normal(0, 0.5, size=(x.shape[0], k))).astype("float32")
    return {"x": x, "y": y, "w": w, "b": b, "lr": float(rng.uniform(0.02, 0.08)),
            "steps": steps, "every": every}


def short_run(rng):
    return regression(rng, 4, 2)


def long_run(rng):
    # The latest save is past 10 updates and the one before it is not (step-12 sorts before
    # step-9 as text); `steps` is not a multiple of `every`, so the latest save is not the end.
    every = int(rng.integers(3, 8))
    saves = -(-10 // every)
    return regression(rng, saves * every + int(rng.integers(1, every)), every)


def sgd_weights(x, y, w, b, lr, updates) -> tuple[np.ndarray, np.ndarray]:
    """`updates` full-batch SGD steps on the mean squared error, in float64."""
    x, y, w, b = (np.asarray(a, dtype=np.float64) for a in (x, y, w, b))
    lr = float(np.float32(lr))                  # the optimizer holds its rate in float32
    for _ in range(updates):
        err = x @ w + b - y
        scale = 2.0 / err.size                  # d mean(err ** 2) / d err
        w, b = w - lr * scale * (x.T @ err), b - lr * scale * err.sum(axis=0)
    return w, b


def judge_restored(obs, x, y, w, b, lr, steps, every, where: str) -> None:
    latest = steps // every * every
    step = obs.int("step", "The update count `restore_latest` returned")
    expect(step == latest, f"`restore_latest` {where} returned {step}; expected the update "
                           "count of the latest checkpoint (the largest multiple of `every` up "
                           "to `steps`).")
    kernel, bias = sgd_weights(x, y, w, b, lr, latest)
    # float32 SGD over at most ~20 updates stays within 1e-6 of float64.
    got = obs.arrays("weights", "The weights after `restore_latest`", length=2)
    expect_close(got[0], kernel, f"The kernel restored by `restore_latest` {where}")
    expect_close(got[1], bias, f"The bias restored by `restore_latest` {where}")


@check("q6", points=1, inputs=short_run, hidden=False)
def checkpoints_restore_here(student, x, y, w, b, lr, steps, every):
    """After 4 updates with a checkpoint every 2, `restore_latest` loads the weights after update
    4 into a new model and returns 4."""
    import shutil

    import keras

    def regressor():
        net = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(y.shape[1])])
        net.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
        return net

    net = regressor()
    net.set_weights([w, b])
    folder = new_dir()
    try:
        student.train_with_checkpoints(net, x, y, folder, steps, every)
        again = regressor()
        step = student.restore_latest(again, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"step": int(step), "weights": [to_numpy(v) for v in again.get_weights()]}


@checkpoints_restore_here.judge
def judge_checkpoints_restore_here(obs, x, y, w, b, lr, steps, every):
    judge_restored(obs, x, y, w, b, lr, steps, every, "in the same process")


@check("q6", points=2, inputs=long_run)
def checkpoints_restore_elsewhere(student, x, y, w, b, lr, steps, every):
    """In a new process (your cells run again), `restore_latest` finds the latest checkpoint (past
    10 updates, before the end of training) and restores its update count and weights."""
    import shutil

    import keras
    net = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(y.shape[1])])
    net.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
    net.set_weights([w, b])
    folder = new_dir()
    try:
        student.train_with_checkpoints(net, x, y, folder, steps, every)
        return {"files": pack_dir(folder)}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@checkpoints_restore_elsewhere.fresh(cells=True)
def restore_elsewhere(student, files, x, y, w, b, lr, steps, every):
    import shutil

    import keras
    net = keras.Sequential([keras.Input((x.shape[1],)), keras.layers.Dense(y.shape[1])])
    net.compile(optimizer=keras.optimizers.SGD(lr), loss="mse")
    folder = unpack(files)
    try:
        step = student.restore_latest(net, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"step": int(step), "weights": [to_numpy(v) for v in net.get_weights()]}


@checkpoints_restore_elsewhere.judge
def judge_checkpoints_restore_elsewhere(obs, x, y, w, b, lr, steps, every):
    judge_restored(obs.part("fresh", "What the new process restored"), x, y, w, b, lr, steps,
                   every, "in a new process")


CHECKS.validate()
