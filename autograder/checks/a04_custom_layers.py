"""Checks of assignment 04: custom layers.

Probes construct the student's layers, load grader-drawn weights into the attributes the prompt
names (`kernel`, `bias`), read them back and report raw outputs, gradients, configs and registry
names; judges recompute the expected values in NumPy (`np.einsum`, `np.fft.fft`). Variable
shapes are compared as a multiset; the prompt fixes no variable order.

Saving is tested by loading elsewhere: one probe saves a grader-built model of `MyDense` layers
to a `.keras` file in `new_dir()` and returns it (`pack_dir`); its fresh stage loads the file in
a NEW sandbox where only the notebook's cells ran again (`cells=True`), so registration and
`get_config` alone must rebuild the layers.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.draw import batch, dense_chain, dense_params, relu
from autograder.kit.expect import expect, expect_close, expect_shapes
from autograder.kit.probe_runtime import (new_dir, pack_dir, shape_of, to_numpy, unique_variables,
                                           unpack)

CHECKS = Registry("04-custom-layers")
check = CHECKS.check

def texts(obs, key: str, what: str) -> list[str]:
    """A list of strings from the observation."""
    value = obs.list(key, what)
    expect(all(isinstance(v, str) for v in value), f"{what} is not a list of names.")
    return value


def error_name(part, what: str) -> str:
    """The exception type a fresh stage reported ("" for none), safe to show."""
    name = part.str("error", what)
    if name == "" or (len(name) <= 40 and name.replace(".", "_").isidentifier()):
        return name
    return "an exception"


# --------------------------------------------------------------------------- q1 CenteredLayer

def off_centre(rng, shape: tuple) -> np.ndarray:
    """Normal values whose every last-axis slice is shifted by its own offset in [-3, 3]."""
    shift = rng.uniform(-3, 3, size=(*shape[:-1], 1))
    return (rng.normal(size=shape) + shift).astype("float32")


def rows_off_centre(rng):
    return {"x": off_centre(rng, (int(rng.integers(2, 7)), int(rng.integers(3, 9))))}


def rank3_off_centre(rng):
    return {"x": off_centre(rng, tuple(int(v) for v in rng.integers(2, 7, size=3)))}


def judge_centered(obs, x, what: str) -> None:
    y = obs.array("y", what)
    expect(y.shape == x.shape, f"{what} returned shape {y.shape} for an input of shape "
                               f"{x.shape}; the output must have the input's shape.")
    # Entries are below 10 in size and means run over at most 8 of them: float32 rounding
    # stays under 1e-5, so 1e-4 separates it from any wrong centring (offsets are up to 3).
    means = y.mean(axis=-1)
    expect(np.allclose(means, 0, atol=1e-4),
           f"{what}: the mean over the last axis of the output is not 0 for every example; "
           "subtract each example's own mean over its last axis.")
    expect_close(y, x - x.mean(axis=-1, keepdims=True), what, atol=1e-4)


@check("q1", points=1, inputs=rows_off_centre, hidden=False)
def centered_rows_have_mean_zero(student, x):
    """On a (batch, features) input, every row of the output has mean 0 (x minus its row mean)."""
    return {"y": to_numpy(student.CenteredLayer()(x))}


@centered_rows_have_mean_zero.judge
def judge_centered_rows_have_mean_zero(obs, x):
    judge_centered(obs, x, "`CenteredLayer()(x)` on a (batch, features) input")


@check("q1", points=1, inputs=rank3_off_centre)
def centered_last_axis_any_rank(student, x):
    """On a (batch, time, features) input, the mean is taken over the last axis only."""
    return {"y": to_numpy(student.CenteredLayer()(x))}


@centered_last_axis_any_rank.judge
def judge_centered_last_axis_any_rank(obs, x):
    judge_centered(obs, x, "`CenteredLayer()(x)` on a (batch, time, features) input")


@check("q1", points=1, inputs=rows_off_centre)
def centered_has_no_weights(student, x):
    """After a call the layer owns no weights, trainable or not."""
    layer = student.CenteredLayer()
    layer(x)
    return {"weights": [shape_of(v) for v in unique_variables(layer.weights)]}


@centered_has_no_weights.judge
def judge_centered_has_no_weights(obs, x):
    shapes = obs.shapes("weights", "The weights of `CenteredLayer`")
    expect(shapes == [], f"`CenteredLayer` owns {len(shapes)} weight(s) of shapes {shapes} after "
                         "a call; a layer without parameters must own none.")


# ---------------------------------------------------------------------------------- q2 MyDense

def dense_case(rng) -> dict:
    """x, W, b and an upstream gradient, drawn so that the ReLU matters and rounding cannot
    flip it: a quarter to three quarters of the pre-activations are negative, and every one is
    at least 1e-3 from the kink (float32 rounding stays below 1e-5 here)."""
    d, units = int(rng.integers(2, 13)), int(rng.integers(2, 13))
    while True:
        w, b = dense_params(rng, d, units)
        x = batch(rng, d)
        z = x.astype(np.float64) @ w + b
        if np.abs(z).min() > 1e-3 and 0.25 <= (z < 0).mean() <= 0.75:
            break
    upstream = rng.normal(size=(x.shape[0], units)).astype("float32")
    return {"x": x, "w": w, "b": b, "upstream": upstream}


def dense_sizes(rng):
    return {"x": batch(rng, int(rng.integers(2, 13))), "units": int(rng.integers(2, 13))}


def dense_weights(rng):
    case = dense_case(rng)
    return {"x": case["x"], "w": case["w"], "b": case["b"]}


@check("q2", points=1, inputs=dense_sizes, hidden=False)
def mydense_builds_lazily(student, x, units):
    """`MyDense(units)` has no weights before its first call, then a kernel and a bias.

    After a call on a (batch, d) input: a (d, units) kernel, a (units,) bias and a
    (batch, units) output.
    """
    layer = student.MyDense(units)
    before = [shape_of(v) for v in unique_variables(layer.weights)]
    if before:                      # weights made in __init__: the judge reports that first
        return {"before": before, "after": [], "shape": []}
    y = layer(x)
    return {"before": before, "after": [shape_of(v) for v in unique_variables(layer.weights)],
            "shape": shape_of(y)}


@mydense_builds_lazily.judge
def judge_mydense_builds_lazily(obs, x, units):
    before = obs.shapes("before", "The weights of `MyDense` before its first call")
    expect(before == [], f"`MyDense(units)` owns {len(before)} weight(s) before its first call; "
                         "create them in `build()`, where the input width is known.")
    d = x.shape[1]
    expect_shapes(obs.shapes("after", "The weights of `MyDense` after one call"),
                  [(d, units), (units,)],
                  f"The weights of `MyDense({units})` after a call on a width-{d} input",
                  ordered=False)
    got = obs.shape("shape", "The output of `MyDense(units)(x)`")
    expect(got == (x.shape[0], units), f"`MyDense({units})(x)` returned shape {got} for an "
                                       f"input of shape {x.shape}; expected "
                                       f"{(x.shape[0], units)}.")


@check("q2", points=1, inputs=dense_sizes)
def mydense_named_trainable_weights(student, x, units):
    """`kernel` and `bias` are attributes, named "kernel" and "bias", and both trainable."""
    layer = student.MyDense(units)
    layer(x)
    return {"kernel": shape_of(layer.kernel), "bias": shape_of(layer.bias),
            "kernel_name": str(layer.kernel.name), "bias_name": str(layer.bias.name),
            "trainable": [str(v.name) for v in unique_variables(layer.trainable_weights)],
            "non_trainable": [str(v.name) for v in unique_variables(layer.non_trainable_weights)]}


@mydense_named_trainable_weights.judge
def judge_mydense_named_trainable_weights(obs, x, units):
    d = x.shape[1]
    for attr, want in (("kernel", (d, units)), ("bias", (units,))):
        got = obs.shape(attr, f"`MyDense.{attr}`")
        expect(got == want, f"`MyDense({units}).{attr}` has shape {got} after a call on a "
                            f"width-{d} input; expected {want}.")
        name = obs.str(f"{attr}_name", f"The name of `MyDense.{attr}`")
        expect(name == attr, f"`MyDense.{attr}` is named {name[:40]!r}; give it "
                             f"`name=\"{attr}\"` when you create it.")
    trainable = texts(obs, "trainable", "The names of `MyDense`'s trainable weights")
    frozen = texts(obs, "non_trainable", "The names of `MyDense`'s non-trainable weights")
    expect(sorted(trainable) == ["bias", "kernel"] and frozen == [],
           "`MyDense`'s trainable weights should be exactly `kernel` and `bias` (both "
           f"trainable); it reports {len(trainable)} trainable and {len(frozen)} non-trainable.")


@check("q2", points=1, inputs=dense_weights)
def mydense_forward_matches_numpy(student, x, w, b):
    """With the grader's kernel and bias loaded, the output is relu(x @ kernel + bias)."""
    layer = student.MyDense(w.shape[1])
    layer(x[:1])
    for v, value in ((layer.kernel, w), (layer.bias, b)):
        if shape_of(v) == list(value.shape):   # a mismatched assign would print the values
            v.assign(value)
    return {"loaded": [to_numpy(layer.kernel), to_numpy(layer.bias)], "y": to_numpy(layer(x))}


@mydense_forward_matches_numpy.judge
def judge_mydense_forward_matches_numpy(obs, x, w, b):
    kernel, bias = obs.arrays("loaded", "`MyDense.kernel` and `.bias` read back", length=2)
    expect(kernel.shape == w.shape and bias.shape == b.shape,
           f"`MyDense.kernel` and `MyDense.bias` have shapes {kernel.shape} and {bias.shape} "
           f"after a call on a width-{w.shape[0]} input; expected {w.shape} and {b.shape}.")
    expect(np.allclose(kernel, w) and np.allclose(bias, b),
           "`MyDense.kernel` and `MyDense.bias` do not hold the values the grader assigned "
           "to them; they must be the layer's own variables.")
    expect_close(obs.raw("y"), relu(x @ w + b),
                 "`MyDense(units)(x)` with known weights (it should be relu(x @ kernel + bias))")


@check("q2", points=1, inputs=dense_case)
def mydense_gradients_reach_both(student, x, w, b, upstream):
    """The gradient of sum(output * upstream) reaches `kernel` and `bias` (trainable_weights)."""
    import tensorflow as tf
    layer = student.MyDense(w.shape[1])
    layer(x[:1])
    for v, value in ((layer.kernel, w), (layer.bias, b)):
        if shape_of(v) == list(value.shape):   # a mismatched assign would print the values
            v.assign(value)
    own = [layer.kernel, layer.bias]
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(layer(x) * upstream)
    variables = list(layer.trainable_weights)
    grads = tape.gradient(loss, variables)
    return {"which": [next((i for i, o in enumerate(own) if o is v), -1) for v in variables],
            "grads": [None if g is None else to_numpy(g) for g in grads]}


@mydense_gradients_reach_both.judge
def judge_mydense_gradients_reach_both(obs, x, w, b, upstream):
    active = (x.astype(np.float64) @ w + b > 0) * upstream
    expected = {0: ("kernel", x.T.astype(np.float64) @ active), 1: ("bias", active.sum(axis=0))}
    which = obs.ints("which", "The variables `MyDense.trainable_weights` lists")
    grads = obs.arrays("grads", "The gradients", length=len(which), allow_none=True)
    for i, (name, want) in expected.items():
        expect(i in which, f"`MyDense.trainable_weights` does not list `{name}`, so training "
                           "cannot update it.")
        got = grads[which.index(i)]
        expect(got is not None, f"No gradient reaches `MyDense.{name}`.")
        expect_close(got, want, f"The gradient of `MyDense.{name}` (through relu(x @ kernel + "
                                "bias))")


# ------------------------------------------------------------------ q3 MyDense: serialization

def layer_name(rng) -> str:
    return f"probe_dense_{int(rng.integers(10_000, 100_000))}"


def named_config(rng):
    return {"units": int(rng.integers(2, 13)), "name": layer_name(rng)}


def named_weights(rng):
    return dict(dense_weights(rng), name=layer_name(rng))


@check("q3", points=1, inputs=named_config, hidden=False)
def mydense_config_has_units(student, units, name):
    """`MyDense(units, name=...).get_config()` holds `units` on top of the base config.

    The base config is what `super().get_config()` returns: `name`, `trainable`, `dtype`.
    """
    config = student.MyDense(units, name=name).get_config()
    return {"keys": sorted(str(k) for k in config), "units": config.get("units"),
            "name": config.get("name")}


@mydense_config_has_units.judge
def judge_mydense_config_has_units(obs, units, name):
    keys = texts(obs, "keys", "The keys of `MyDense.get_config()`")
    expect("units" in keys, "`MyDense.get_config()` has no `units`; add it to the dict you "
                            "get from `super().get_config()`.")
    got = obs.int("units", "`MyDense.get_config()[\"units\"]`")
    expect(got == units, f"`MyDense({units}).get_config()[\"units\"]` is {got}; expected {units}.")
    missing = [k for k in ("name", "trainable", "dtype") if k not in keys]
    expect(not missing, f"`MyDense.get_config()` lacks {missing}; start from "
                        "`super().get_config()` and add `units` to it.")
    got_name = obs.raw("name")
    expect(isinstance(got_name, str) and got_name == name,
           "`MyDense(units, name=...).get_config()[\"name\"]` is not the name the layer was "
           "given; pass `**kwargs` on to `super().__init__`.")


@check("q3", points=1, inputs=named_weights)
def mydense_config_round_trip(student, x, w, b, name):
    """`MyDense.from_config(layer.get_config())` rebuilds an equal layer.

    Same config (`units`, `name`, `trainable`), and the same outputs once the same weights are
    loaded into both.
    """
    layer = student.MyDense(w.shape[1], name=name)
    config = layer.get_config()
    clone = student.MyDense.from_config(config)
    again = clone.get_config()
    outputs = []
    for made in (layer, clone):
        made(x[:1])
        for v, value in ((made.kernel, w), (made.bias, b)):
            if shape_of(v) == list(value.shape):   # a mismatched assign would print the values
                v.assign(value)
        outputs.append(to_numpy(made(x)))
    return {"keys": sorted(str(k) for k in config), "clone_keys": sorted(str(k) for k in again),
            "units": again.get("units"), "name": again.get("name"),
            "trainable": again.get("trainable"), "y": outputs[0], "clone_y": outputs[1]}


@mydense_config_round_trip.judge
def judge_mydense_config_round_trip(obs, x, w, b, name):
    units = w.shape[1]
    keys = texts(obs, "keys", "The keys of `MyDense.get_config()`")
    expect(texts(obs, "clone_keys", "The keys of the rebuilt layer's config") == keys,
           "The layer rebuilt by `MyDense.from_config(config)` has a config with other keys "
           "than the original's.")
    got_units, got_name = obs.raw("units"), obs.raw("name")
    same = (isinstance(got_units, int) and not isinstance(got_units, bool) and got_units == units
            and isinstance(got_name, str) and got_name == name and obs.raw("trainable") is True)
    expect(same,
           "The layer rebuilt by `MyDense.from_config(layer.get_config())` has another `units`, "
           "`name` or `trainable` than the original; `get_config` must hold `units`, and "
           "`__init__` must pass `**kwargs` on to `super().__init__`.")
    y = obs.array("y", "The original `MyDense` with known weights")
    expect_close(obs.raw("clone_y"), y, "The rebuilt `MyDense` with the same weights loaded")


@check("q3", points=1, inputs=dense_weights)
def mydense_registered_as_course04(student, x, w, b):
    """`MyDense` is registered as "course04>MyDense", and that name finds a working class.

    The class found under the name computes what `MyDense` computes with the same weights.
    """
    import keras
    name = keras.saving.get_registered_name(student.MyDense)
    found = keras.saving.get_registered_object("course04>MyDense")
    outputs = []
    for cls in (student.MyDense, found):
        if cls is None:
            outputs.append(None)
            continue
        layer = cls(w.shape[1])
        layer(x[:1])
        for v, value in ((layer.kernel, w), (layer.bias, b)):
            if shape_of(v) == list(value.shape):   # a mismatched assign would print the values
                v.assign(value)
        outputs.append(to_numpy(layer(x)))
    return {"name": str(name), "own": outputs[0], "registered": outputs[1]}


@mydense_registered_as_course04.judge
def judge_mydense_registered_as_course04(obs, x, w, b):
    name = obs.str("name", "`keras.saving.get_registered_name(MyDense)`")
    expect(name == "course04>MyDense",
           f"`keras.saving.get_registered_name(MyDense)` is {name[:60]!r}; expected "
           "'course04>MyDense': register the class with "
           "`keras.saving.register_keras_serializable(package=\"course04\")`.")
    expect(obs.raw("registered") is not None,
           "`keras.saving.get_registered_object('course04>MyDense')` finds no class.")
    own = obs.array("own", "`MyDense` with known weights")
    expect_close(obs.raw("registered"), own,
                 "The class registered as 'course04>MyDense', with the same weights as `MyDense`")


def stacked_dense_case(rng) -> dict:
    """x and the weights of two stacked `MyDense` layers (d -> u -> v), drawn so that both ReLUs
    matter and rounding cannot flip them: a quarter to three quarters of each layer's
    pre-activations are negative, and every one is at least 1e-3 from the kink."""
    d, u, v = (int(n) for n in rng.integers(2, 13, size=3))
    while True:
        w1, b1 = dense_params(rng, d, u)
        w2, b2 = dense_params(rng, u, v)
        x = batch(rng, d)
        z1 = x.astype(np.float64) @ w1 + b1
        z2 = relu(z1) @ w2 + b2
        if all(np.abs(z).min() > 1e-3 and 0.25 <= (z < 0).mean() <= 0.75 for z in (z1, z2)):
            return {"x": x, "w1": w1, "b1": b1, "w2": w2, "b2": b2}


@check("q3", points=2, inputs=stacked_dense_case)
def mydense_keras_file_loads_fresh(student, x, w1, b1, w2, b2):
    """A model of two `MyDense` layers saved to `.keras` loads in a new process, unchanged.

    The new process re-ran only the notebook's cells, and `keras.saving.load_model` gets no
    `custom_objects`: registration and `get_config` must rebuild the layers.
    """
    import os
    import shutil

    import keras
    net = keras.Sequential([keras.Input((x.shape[1],)), student.MyDense(w1.shape[1]),
                            student.MyDense(w2.shape[1])])
    for layer, (w, b) in zip(net.layers, ((w1, b1), (w2, b2))):
        for v, value in ((layer.kernel, w), (layer.bias, b)):
            if shape_of(v) == list(value.shape):   # a mismatched assign would print the values
                v.assign(value)
    y = to_numpy(net(x))
    root = new_dir()
    try:
        net.save(os.path.join(root, "model.keras"))
        return {"files": pack_dir(root), "y": y}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@mydense_keras_file_loads_fresh.fresh(cells=True)
def load_mydense_keras_file_fresh(student, files, x, w1, b1, w2, b2):
    import os
    import shutil

    import keras
    root = unpack(files)
    try:
        model = keras.saving.load_model(os.path.join(root, "model.keras"))
    except Exception as exc:  # noqa: BLE001 - loading runs the student's from_config and build
        return {"error": type(exc).__name__}
    finally:
        shutil.rmtree(root, ignore_errors=True)
    units = [layer.get_config().get("units") for layer in model.layers]
    return {"error": "", "classes": [type(layer).__name__ for layer in model.layers],
            "units": [u if isinstance(u, int) and not isinstance(u, bool) else -1 for u in units],
            "y": to_numpy(model(x))}


@mydense_keras_file_loads_fresh.judge
def judge_mydense_keras_file_loads_fresh(obs, x, w1, b1, w2, b2):
    loaded = obs.part("fresh", "What the new process loaded")
    error = error_name(loaded, "The loading error")
    expect(error == "", "In a new process that re-ran your notebook's cells, "
                        "`keras.saving.load_model` could not load a `.keras` file of a model "
                        f"holding two `MyDense` layers ({error}). Is `MyDense` registered, does "
                        "`get_config` return `units`, and does `__init__` accept `**kwargs` "
                        "(Keras calls `MyDense(**config)`)?")
    classes = texts(loaded, "classes", "The class names of the loaded model's layers")
    expect(classes == ["MyDense", "MyDense"],
           f"The model loaded in a new process has layers of classes {[c[:30] for c in classes]}; "
           "expected the two `MyDense` layers that were saved: register `MyDense` itself.")
    units = loaded.ints("units", "The `units` of the loaded layers")
    expect(units == [w1.shape[1], w2.shape[1]],
           "The `MyDense` layers loaded in a new process have other `units` than the layers that "
           "were saved: `get_config` must return `units`, and `__init__` must use it.")
    y = obs.array("y", "The saved model's output")
    expect_close(loaded.raw("y"), y, "The model loaded in a new process, against the same model "
                                     "before saving (are both weights restored?)")
    expect_close(y, relu(dense_chain(x, [w1, w2], [b1, b2], activation=relu)),
                 "A model of two `MyDense` layers with known weights (each layer should compute "
                 "relu(x @ kernel + bias))")


# -------------------------------------------------------------------------- q4 TensorReduction

def reduction_case(rng):
    d = int(rng.integers(2, 9))
    k = int(rng.choice([v for v in range(2, 9) if v != d]))   # d != k: a swapped axis shows
    w = rng.normal(0, 1 / np.sqrt(d), size=(d, d, k)).astype("float32")   # not symmetric in i, j
    return {"x": batch(rng, d), "w": w}


@check("q4", points=1, inputs=reduction_case, hidden=False)
def tensor_reduction_shapes(student, x, w):
    """`TensorReduction(k)` builds one trainable (d, d, k) `kernel` on its first call."""
    layer = student.TensorReduction(w.shape[2])
    before = [shape_of(v) for v in unique_variables(layer.weights)]
    y = layer(x)
    return {"before": before,
            "after": [shape_of(v) for v in unique_variables(layer.trainable_weights)],
            "kernel": shape_of(layer.kernel), "shape": shape_of(y)}


@tensor_reduction_shapes.judge
def judge_tensor_reduction_shapes(obs, x, w):
    (b, d), k = x.shape, w.shape[2]
    before = obs.shapes("before", "The weights of `TensorReduction` before its first call")
    expect(before == [], f"`TensorReduction(k)` owns {len(before)} weight(s) before its first "
                         "call; create the kernel in `build()`.")
    expect_shapes(obs.shapes("after", "The trainable weights of `TensorReduction`"),
                  [(d, d, k)], f"The trainable weights of `TensorReduction({k})` after a call "
                               f"on a width-{d} input")
    got = obs.shape("kernel", "`TensorReduction.kernel`")
    expect(got == (d, d, k), f"`TensorReduction({k}).kernel` has shape {got}; expected "
                             f"{(d, d, k)} (input width, input width, k).")
    got = obs.shape("shape", "The output of `TensorReduction(k)(x)`")
    expect(got == (b, k), f"`TensorReduction({k})(x)` returned shape {got} for an input of shape "
                          f"{x.shape}; expected {(b, k)}.")


@check("q4", points=1, inputs=reduction_case)
def tensor_reduction_matches_einsum(student, x, w):
    """With a known kernel loaded, y[b, m] = sum over i, j of W[i, j, m] x[b, i] x[b, j]."""
    layer = student.TensorReduction(w.shape[2])
    layer(x[:1])
    if shape_of(layer.kernel) == list(w.shape):   # a mismatched assign would print the values
        layer.kernel.assign(w)
    return {"loaded": to_numpy(layer.kernel), "y": to_numpy(layer(x))}


@tensor_reduction_matches_einsum.judge
def judge_tensor_reduction_matches_einsum(obs, x, w):
    loaded = obs.array("loaded", "`TensorReduction.kernel` read back")
    expect(loaded.shape == w.shape, f"`TensorReduction({w.shape[2]}).kernel` has shape "
                                    f"{loaded.shape} after a call on a width-{w.shape[0]} input; "
                                    f"expected {w.shape} (input width, input width, k).")
    expect(np.allclose(loaded, w), "`TensorReduction.kernel` does not hold the values the grader "
                                   "assigned to it; it must be the layer's own variable.")
    x64 = x.astype(np.float64)
    # Sums of d * d <= 64 products of size <= 10 in float32: rounding below 1e-4.
    expect_close(obs.raw("y"), np.einsum("ijk,bi,bj->bk", w, x64, x64),
                 "`TensorReduction(k)(x)` with a known kernel (y_k = sum_ij W_ijk x_i x_j for "
                 "each example)", atol=1e-4)


# ------------------------------------------------------------------------------ q5 FourierHead

def even_signal(rng):
    return {"x": batch(rng, 2 * int(rng.integers(2, 9)))}


def odd_and_even_signals(rng):
    return {"odd": batch(rng, 2 * int(rng.integers(2, 20)) + 1),
            "even": batch(rng, 2 * int(rng.integers(9, 21)))}


def judge_fourier(obs, key: str, x, what: str) -> None:
    dtypes = texts(obs, f"{key}dtypes", f"The dtypes of {what}")
    expect(len(dtypes) == 2, f"{what} returned {len(dtypes)} tensor(s); expected a pair "
                             "`(real, imag)` of float32 tensors.")
    expect(dtypes == ["float32", "float32"],
           f"{what} returned tensors of dtypes {[t[:20] for t in dtypes]}; expected two "
           "float32 tensors `(real, imag)`.")
    n = x.shape[1]
    want = np.fft.fft(x.astype(np.float64), axis=-1)[:, : n // 2]
    parts = obs.arrays(f"{key}parts", what, length=2)
    for part, name, values in zip(parts, ("real", "imag"), (want.real, want.imag)):
        expect(part.shape == want.shape,
               f"{what} returned a {name} part of shape {part.shape}; expected (batch, n // 2) = "
               f"{want.shape}: the coefficients X_0 .. X_(n//2 - 1).")
        # A float32 FFT of n <= 41 unit-scale values: rounding about log2(n) * 6e-8 * sqrt(n)
        # * |x| < 1e-5; 1e-4 leaves room for other (equally exact) algorithms.
        expect_close(part, values, f"The {name} part of {what}", atol=1e-4)


@check("q5", points=1, inputs=even_signal, hidden=False)
def fourier_head_even_length(student, x):
    """For an even length n: `(real, imag)` of the first n // 2 DFT coefficients (last axis)."""
    out = student.FourierHead()(x)
    arrays = [to_numpy(p) for p in (out if isinstance(out, (tuple, list)) else [out])]
    return {"dtypes": [str(a.dtype) for a in arrays],
            "parts": [a if a.dtype.kind in "biuf" else None for a in arrays]}


@fourier_head_even_length.judge
def judge_fourier_head_even_length(obs, x):
    judge_fourier(obs, "", x, "`FourierHead()(x)`")


@check("q5", points=1, inputs=odd_and_even_signals)
def fourier_head_odd_and_even_lengths(student, odd, even):
    """For an odd and an even length n: `(real, imag)` of X_0 .. X_(n//2 - 1), as np.fft.fft."""
    found = {}
    for key, x in (("odd_", odd), ("even_", even)):
        out = student.FourierHead()(x)
        arrays = [to_numpy(p) for p in (out if isinstance(out, (tuple, list)) else [out])]
        found[key + "dtypes"] = [str(a.dtype) for a in arrays]
        found[key + "parts"] = [a if a.dtype.kind in "biuf" else None for a in arrays]
    return found


@fourier_head_odd_and_even_lengths.judge
def judge_fourier_head_odd_and_even_lengths(obs, odd, even):
    judge_fourier(obs, "odd_", odd, "`FourierHead()(x)` on an input of odd length n")
    judge_fourier(obs, "even_", even, "`FourierHead()(x)` on an input of even length n")


CHECKS.validate()
