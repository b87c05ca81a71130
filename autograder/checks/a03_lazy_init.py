"""Checks of assignment 03: deferred (lazy) initialization.

Probes count and measure the student's weights before and after the moments that should create
them (construction, `build`, the first call), load grader-drawn weights by shape (or into the
attributes `kernel` and `bias` the prompt names) and report raw outputs; judges recompute the
outputs in NumPy. Grader-made layers inside the probes record what the student's code did to
them: `Spy` whether it ever saw concrete data, `Guard` the widths it received, and the error it
raises carries a token drawn per grading, so only an error that really came from the net matches.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.draw import batch, dense_params, relu
from autograder.kit.expect import Fail, expect, expect_close, expect_shapes
from autograder.kit.probe_runtime import shape_of, to_numpy, unique_variables

CHECKS = Registry("03-lazy-init")
check = CHECKS.check


def mlp_shapes(d: int) -> list[tuple]:
    """The weight shapes of a d -> 256 -> 10 perceptron."""
    return [(d, 256), (256,), (256, 10), (10,)]


def mentions(message: str, number: int) -> bool:
    """Whether `number` appears in `message` as a whole number (not inside a longer one)."""
    found, digits = set(), ""
    for char in message + " ":
        if "0" <= char <= "9":
            digits += char
        elif digits:
            found.add(int(digits))
            digits = ""
    return number in found


def mlp_case(rng, d: int) -> dict:
    w1, b1 = dense_params(rng, d, 256)
    w2, b2 = dense_params(rng, 256, 10)
    return {"x": batch(rng, d), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


def x20(rng):
    return {"x": batch(rng, 20)}


def other_than_20(rng, low: int, high: int) -> int:
    """A width in [low, high), never the public checks' 20, so a net hard-wired to 20 fails."""
    return int(rng.choice([k for k in range(low, high) if k != 20]))


def mlp_random_width(rng):
    return mlp_case(rng, other_than_20(rng, 3, 40))


# ---------------------------------------------------------------------------- q1 lazy_mlp

@check("q1", points=1, inputs=x20, hidden=False)
def lazy_mlp_unbuilt_then_sized(student, x):
    """`lazy_mlp()` has no weights until its first call; then kernels (20, 256) and (256, 10)."""
    net = student.lazy_mlp()
    before = [shape_of(v) for v in net.weights]
    y = net(x)
    return {"before": before, "shape": shape_of(y),
            "after": [shape_of(v) for v in unique_variables(net.weights)]}


def judge_lazy(obs, x, name: str) -> None:
    before = obs.shapes("before", f"The weights of `{name}` before its first call")
    expect(before == [], f"`{name}` has {len(before)} weights before its first call; expected "
                         "none. Give it no input shape (no `keras.Input`, no `input_shape=`), "
                         "so that it waits for data.")
    got = obs.shape("shape", f"The output of `{name}(x)`")
    expect(got == (x.shape[0], 10), f"`{name}(x)` returned shape {got} for an input of shape "
                                    f"{x.shape}; expected {(x.shape[0], 10)}.")
    expect_shapes(obs.shapes("after", f"The weights of `{name}` after one call"),
                  mlp_shapes(x.shape[1]),
                  f"The weights of `{name}` after a call on width {x.shape[1]}", ordered=False)


@lazy_mlp_unbuilt_then_sized.judge
def judge_lazy_mlp_unbuilt_then_sized(obs, x):
    judge_lazy(obs, x, "lazy_mlp()")


@check("q1", points=1, inputs=mlp_random_width)
def lazy_mlp_sized_by_any_width(student, x, w1, b1, w2, b2):
    """After a first call on inputs of a random width d, the first kernel is (d, 256)."""
    net = student.lazy_mlp()
    before = [shape_of(v) for v in net.weights]
    y = net(x)
    return {"before": before, "shape": shape_of(y),
            "after": [shape_of(v) for v in unique_variables(net.weights)]}


@lazy_mlp_sized_by_any_width.judge
def judge_lazy_mlp_sized_by_any_width(obs, x, w1, b1, w2, b2):
    judge_lazy(obs, x, "lazy_mlp()")


@check("q1", points=1, inputs=mlp_random_width)
def lazy_mlp_forward_matches_numpy(student, x, w1, b1, w2, b2):
    """With known weights loaded, the output is relu(x @ W1 + b1) @ W2 + b2."""
    net = student.lazy_mlp()
    net(x[:1])
    by_shape = {tuple(a.shape): a for a in (w1, b1, w2, b2)}
    for v in unique_variables(net.weights):
        if tuple(shape_of(v)) in by_shape:
            v.assign(by_shape[tuple(shape_of(v))])
    return {"y": to_numpy(net(x))}


@lazy_mlp_forward_matches_numpy.judge
def judge_lazy_mlp_forward_matches_numpy(obs, x, w1, b1, w2, b2):
    expect_close(obs.raw("y"), relu(x @ w1 + b1) @ w2 + b2,
                 "`lazy_mlp()(x)` with known weights loaded (Dense(256) with ReLU, then Dense(10) "
                 "with no activation)")


# -------------------------------------------------------------------------- q2 LazyLinear

def x5(rng):
    return {"x": batch(rng, 5)}


def linear_case(rng):
    d, units = other_than_20(rng, 8, 40), int(rng.integers(2, 12))
    other = int(rng.choice([k for k in range(8, 40) if k != d]))
    w, b = dense_params(rng, d, units)
    steps = int(rng.integers(2, 5))
    x3 = rng.normal(size=(int(rng.integers(2, 5)), steps, d)).astype("float32")
    return {"d": d, "other": other, "steps": steps, "units": units, "w": w, "b": b,
            "x": batch(rng, d), "x2": batch(rng, d, rows=(7, 10)), "x3": x3}


@check("q2", points=1, inputs=x5, hidden=False)
def lazylinear_builds_on_first_call(student, x):
    """`LazyLinear(3)` has no weights until called; on width 5 it makes a (5, 3) kernel and a
    (3,) bias."""
    layer = student.LazyLinear(3)
    before = [shape_of(v) for v in layer.weights]
    y = layer(x)
    return {"before": before, "shape": shape_of(y),
            "after": [shape_of(v) for v in unique_variables(layer.weights)]}


@lazylinear_builds_on_first_call.judge
def judge_lazylinear_builds_on_first_call(obs, x):
    before = obs.shapes("before", "The weights of `LazyLinear(3)` before its first call")
    expect(before == [], f"`LazyLinear(3)` has {len(before)} weights before its first call; "
                         "expected none: create them in `build`, not in `__init__`.")
    got = obs.shape("shape", "The output of `LazyLinear(3)(x)`")
    expect(got == (x.shape[0], 3), f"`LazyLinear(3)(x)` returned shape {got} for an input of "
                                   f"shape {x.shape}; expected {(x.shape[0], 3)}.")
    expect_shapes(obs.shapes("after", "The weights of `LazyLinear(3)` after one call"),
                  [(5, 3), (3,)], "The weights of `LazyLinear(3)` after a call on width 5",
                  ordered=False)


@check("q2", points=1, inputs=linear_case)
def lazylinear_shapes_from_build(student, d, other, steps, units, w, b, x, x2, x3):
    """Nothing exists before `build`; `build(input_shape)` sizes the kernel from
    `input_shape[-1]` (checked on a rank-3 shape)."""
    layer = student.LazyLinear(units)
    before = [shape_of(v) for v in layer.weights]
    layer.build((None, steps, d))
    return {"before": before, "after": [shape_of(v) for v in unique_variables(layer.weights)]}


@lazylinear_shapes_from_build.judge
def judge_lazylinear_shapes_from_build(obs, d, other, steps, units, w, b, x, x2, x3):
    before = obs.shapes("before", "The weights of `LazyLinear(units)` before `build`")
    expect(before == [], f"`LazyLinear(units)` has {len(before)} weights before `build` ran; "
                         "expected none: create them in `build`, not in `__init__`.")
    after = obs.shapes("after", "The weights of `LazyLinear(units)` after `build`")
    expect(after != [], "`LazyLinear(units).build(input_shape)` created no weights; create the "
                        "kernel and bias in `build`, not in `call`.")
    expect_shapes(after, [(d, units), (units,)],
                  "The weights `LazyLinear(units).build((None, steps, d))` created (the input "
                  "width is `input_shape[-1]`)", ordered=False)


@check("q2", points=1, inputs=linear_case)
def lazylinear_built_once(student, d, other, steps, units, w, b, x, x2, x3):
    """A second call with another batch size creates nothing new and keeps the loaded weights."""
    layer = student.LazyLinear(units)
    layer(x)
    layer.kernel.assign(w)
    layer.bias.assign(b)
    y2 = layer(x2)
    return {"y2": to_numpy(y2), "count": len(unique_variables(layer.weights)),
            "kernel": to_numpy(layer.kernel)}


@lazylinear_built_once.judge
def judge_lazylinear_built_once(obs, d, other, steps, units, w, b, x, x2, x3):
    count = obs.int("count", "The number of weights of `LazyLinear`")
    expect(count == 2, f"After two calls `LazyLinear` holds {count} weights; expected 2 (one "
                       "kernel and one bias, created once in `build`).")
    expect_close(obs.raw("kernel"), w, "`LazyLinear.kernel` after a second call (it should "
                                       "keep the values the grader assigned after the first)")
    expect_close(obs.raw("y2"), x2 @ w + b, "A second call of `LazyLinear` on a new batch (it "
                                            "should reuse the weights made by the first)")


@check("q2", points=1, inputs=linear_case)
def lazylinear_forward_matches_numpy(student, d, other, steps, units, w, b, x, x2, x3):
    """With known `kernel` and `bias`, the output on a (batch, steps, d) input is x @ kernel +
    bias."""
    layer = student.LazyLinear(units)
    layer(x3[:1])
    layer.kernel.assign(w)
    layer.bias.assign(b)
    return {"y": to_numpy(layer(x3))}


@lazylinear_forward_matches_numpy.judge
def judge_lazylinear_forward_matches_numpy(obs, d, other, steps, units, w, b, x, x2, x3):
    expect_close(obs.raw("y"), x3 @ w + b, "`LazyLinear(units)(x)` on a rank-3 input with known "
                                           "`kernel` and `bias` (x @ kernel + bias on the last "
                                           "axis, no activation)")


@check("q2", points=1, inputs=linear_case)
def lazylinear_rejects_other_width(student, d, other, steps, units, w, b, x, x2, x3):
    """Once built for width d, a call on another width raises `ValueError` naming both widths."""
    layer = student.LazyLinear(units)
    layer(np.zeros((2, d), dtype="float32"))
    try:
        layer(np.zeros((3, other), dtype="float32"))
    except Exception as exc:  # noqa: BLE001 - the type is what the check observes
        return {"raised": [c.__name__ for c in type(exc).__mro__], "message": str(exc)[:3000]}
    return {"raised": [], "message": ""}


@lazylinear_rejects_other_width.judge
def judge_lazylinear_rejects_other_width(obs, d, other, steps, units, w, b, x, x2, x3):
    raised = obs.list("raised", "The error `LazyLinear` raised")
    message = obs.str("message", "The message of the error `LazyLinear` raised")
    expect(raised != [], "`LazyLinear`, built for one width, accepted an input of another "
                         "width; it should raise `ValueError`.")
    expect("ValueError" in raised, f"`LazyLinear` on an input of the wrong width raised "
                                   f"`{str(raised[0])[:40]}`; expected `ValueError` (set "
                                   "`self.input_spec` in `build`, or check the width yourself).")
    expect(mentions(message, d) and mentions(message, other),
           "The `ValueError` of `LazyLinear` on an input of the wrong width does not name both "
           "the width it was built for and the width it received.")


# --------------------------------------------------------------------------- q3 materialize

def expected_report(input_shape: list, units: list, norm: int) -> list[tuple]:
    """Weight shapes of Dense(u) layers in order, a BatchNormalization after layer `norm`
    (none where `norm` is -1)."""
    shapes, width = [], input_shape[-1]
    for i, u in enumerate(units):
        shapes += [(width, u), (u,)]
        width = u
        if i == norm:
            shapes += [(u,)] * 4
    return shapes


def materialize_fixed(rng):
    return {"input_shape": [None, int(rng.integers(3, 20))]}


def materialize_case(rng):
    rank = int(rng.integers(2, 4))
    input_shape = [None] + [int(v) for v in rng.integers(2, 30, size=rank - 1)]
    units = [int(v) for v in rng.integers(2, 30, size=int(rng.integers(1, 4)))]
    return {"input_shape": input_shape, "units": units,
            "norm": int(rng.integers(0, len(units)))}


def judge_report(obs, input_shape, units, norm, what: str) -> None:
    reported = obs.shapes("report", f"The list `materialize` returned for {what}")
    actual = obs.shapes("actual", f"The weights of {what} after `materialize`")
    expected = expected_report(input_shape, units, norm)
    expect(actual != [], f"After `materialize(net, input_shape)` {what} has no weights; it "
                         "should create them all (calling `net.build` on a subclassed model "
                         "without its own `build` creates nothing: use `keras.Input`).")
    expect_shapes(actual, expected, f"The weights of {what} after `materialize`", ordered=False)
    expect(reported == actual, f"`materialize` returned a list of {len(reported)} shapes for "
                               f"{len(actual)} weights that is not the shapes of `net.weights`; "
                               "expected one tuple per weight of `net.weights`, in that order.")


@check("q3", points=1, inputs=materialize_fixed, hidden=False)
def materialize_sequential_report(student, input_shape):
    """`materialize` builds a Dense(8, relu) -> Dense(3) Sequential and reports the shapes of
    `net.weights` in order."""
    import keras
    net = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3)])
    report = student.materialize(net, tuple(input_shape))
    return {"report": [[int(n) for n in s] for s in report],
            "actual": [shape_of(v) for v in net.weights]}


@materialize_sequential_report.judge
def judge_materialize_sequential_report(obs, input_shape):
    judge_report(obs, input_shape, [8, 3], -1, "a Dense(8) -> Dense(3) `Sequential`")


@check("q3", points=1, inputs=materialize_case)
def materialize_any_sequential(student, input_shape, units, norm):
    """Random depths, widths and input ranks, with a BatchNormalization: every weight, trainable
    or not, is created and reported in order."""
    import keras
    layers = []
    for i, u in enumerate(units):
        layers.append(keras.layers.Dense(u))
        if i == norm:
            layers.append(keras.layers.BatchNormalization())
    net = keras.Sequential(layers)
    report = student.materialize(net, tuple(input_shape))
    return {"report": [[int(n) for n in s] for s in report],
            "actual": [shape_of(v) for v in net.weights]}


@materialize_any_sequential.judge
def judge_materialize_any_sequential(obs, input_shape, units, norm):
    judge_report(obs, input_shape, units, norm, "a `Sequential` of Dense layers")


@check("q3", points=1, inputs=materialize_case)
def materialize_subclassed_model(student, input_shape, units, norm):
    """A `keras.Model` subclass with no `build` of its own is materialized too (where
    `Model.build()` creates nothing)."""
    import keras

    class Tower(keras.Model):
        def __init__(self, sizes, **kwargs):
            super().__init__(**kwargs)
            self.blocks = [keras.layers.Dense(u) for u in sizes]

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return x

    net = Tower(units)
    report = student.materialize(net, tuple(input_shape))
    return {"report": [[int(n) for n in s] for s in report],
            "actual": [shape_of(v) for v in net.weights]}


@materialize_subclassed_model.judge
def judge_materialize_subclassed_model(obs, input_shape, units, norm):
    judge_report(obs, input_shape, units, -1, "a `keras.Model` subclass without `build`")


@check("q3", points=1, inputs=materialize_case)
def materialize_uses_no_data(student, input_shape, units, norm):
    """No concrete data passes through the net: a grader layer inside it sees only shapes."""
    import keras
    import tensorflow as tf

    class Spy(keras.layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.eager = []

        def call(self, x):
            self.eager.append(bool(tf.executing_eagerly()))
            return x

        def compute_output_shape(self, input_shape):
            return input_shape

    spy = Spy()
    net = keras.Sequential([keras.layers.Dense(units[0]), spy,
                            *[keras.layers.Dense(u) for u in units[1:]]])
    report = student.materialize(net, tuple(input_shape))
    return {"report": [[int(n) for n in s] for s in report],
            "actual": [shape_of(v) for v in net.weights], "eager": list(spy.eager)}


@materialize_uses_no_data.judge
def judge_materialize_uses_no_data(obs, input_shape, units, norm):
    eager = obs.list("eager", "What the grader's layer inside the net saw")
    expect(all(isinstance(e, bool) for e in eager) and not any(eager),
           "`materialize` passed concrete data through the net; build it from the shape alone "
           "(`net.build(input_shape)` or a call on `keras.Input`).")
    judge_report(obs, input_shape, units, -1, "a `Sequential` of Dense layers")


# ---------------------------------------------------------------------------- q4 eager_mlp

@check("q4", points=1, inputs=x20, hidden=False)
def eager_mlp_built_at_construction(student, x):
    """`eager_mlp(20)` holds all four weights before any call: (20, 256), (256,), (256, 10),
    (10,)."""
    net = student.eager_mlp(20)
    before = [shape_of(v) for v in unique_variables(net.weights)]
    return {"before": before, "shape": shape_of(net(x))}


def judge_eager(obs, x) -> None:
    d = x.shape[1]
    before = obs.shapes("before", f"The weights of `eager_mlp({d})` before any call")
    expect(len(before) == 4, f"`eager_mlp(d)` holds {len(before)} weights before any call; "
                             "expected all 4: give the model its input width with "
                             "`keras.Input(shape=(d,))` so that every layer is built at once.")
    expect_shapes(before, mlp_shapes(d), "The weights of `eager_mlp(d)` before any call",
                  ordered=False)
    got = obs.shape("shape", "The output of `eager_mlp(d)(x)`")
    expect(got == (x.shape[0], 10), f"`eager_mlp(d)(x)` returned shape {got} for an input of "
                                    f"shape {x.shape}; expected {(x.shape[0], 10)}.")


@eager_mlp_built_at_construction.judge
def judge_eager_mlp_built_at_construction(obs, x):
    judge_eager(obs, x)


@check("q4", points=1, inputs=mlp_random_width)
def eager_mlp_any_width(student, x, w1, b1, w2, b2):
    """For a random d, every weight exists before any call, and known weights give
    relu(x @ W1 + b1) @ W2 + b2."""
    net = student.eager_mlp(x.shape[1])
    variables = unique_variables(net.weights)
    before = [shape_of(v) for v in variables]
    by_shape = {tuple(a.shape): a for a in (w1, b1, w2, b2)}
    for v in variables:
        if tuple(shape_of(v)) in by_shape:
            v.assign(by_shape[tuple(shape_of(v))])
    y = to_numpy(net(x))
    return {"before": before, "shape": list(y.shape), "y": y}


@eager_mlp_any_width.judge
def judge_eager_mlp_any_width(obs, x, w1, b1, w2, b2):
    judge_eager(obs, x)
    expect_close(obs.raw("y"), relu(x @ w1 + b1) @ w2 + b2,
                 "`eager_mlp(d)(x)` with known weights loaded before its first call (Dense(256) "
                 "with ReLU, then Dense(10) with no activation)")


# ----------------------------------------------------------------------- q5 call_mismatched

def guard_fixed(rng):
    return {"token": int(rng.integers(10**6, 10**7))}


def guard_case(rng):
    d = int(rng.integers(8, 40))
    units = [int(v) for v in rng.integers(2, 30, size=int(rng.integers(1, 4)))]
    units[0] = int(rng.choice([u for u in range(2, 30) if u not in (d, d - 1)]))
    return {"d": d, "units": units, "token": int(rng.integers(10**6, 10**7))}


def judge_mismatch(obs, d: int, token: int) -> None:
    seen = obs.ints("seen", "The input widths the net received")
    expect(obs.raw("message") is not None,
           "`call_mismatched(net)` returned without raising; it should call `net` on a batch one "
           "feature wider than `net` was built for and let the `ValueError` reach its caller.")
    message = obs.str("message", "The message of the `ValueError` `call_mismatched(net)` raised")
    expect(bool(seen) and seen[-1] == d + 1,
           "`call_mismatched(net)` did not call `net` on a batch of width d + 1, where d is "
           "`net.weights[0].shape[0]` (the width `net` was built for).")
    expect(str(token) in message,
           "`call_mismatched(net)` did not let `net`'s own `ValueError` through unchanged; do "
           "not catch it, and do not raise an error of your own instead.")


@check("q5", points=1, inputs=guard_fixed, hidden=False)
def call_mismatched_propagates(student, token):
    """A net built for width 5 is called on width 6 and its `ValueError` reaches the caller."""
    import keras

    class Guard(keras.layers.Layer):
        def __init__(self, width, **kwargs):
            super().__init__(**kwargs)
            self.width, self.seen = width, []

        def call(self, x):
            self.seen.append(int(x.shape[-1]))
            if x.shape[-1] != self.width:
                raise ValueError(f"guard {token}: built for width {self.width}, received "
                                 f"{x.shape[-1]}")
            return x

        def compute_output_shape(self, input_shape):
            return input_shape

    guard = Guard(5)
    net = keras.Sequential([guard, keras.layers.Dense(3)])
    net(np.zeros((1, 5), dtype="float32"))
    try:
        student.call_mismatched(net)
    except ValueError as exc:   # any other error is the student's code raising
        return {"message": str(exc)[:3000], "seen": list(guard.seen)}
    return {"message": None, "seen": list(guard.seen)}


@call_mismatched_propagates.judge
def judge_call_mismatched_propagates(obs, token):
    judge_mismatch(obs, 5, token)


@check("q5", points=1, inputs=guard_case)
def call_mismatched_any_net(student, d, units, token):
    """Random width and depth: `net` gets width d + 1 and its own `ValueError` comes out
    unchanged."""
    import keras

    class Guard(keras.layers.Layer):
        def __init__(self, width, **kwargs):
            super().__init__(**kwargs)
            self.width, self.seen = width, []

        def call(self, x):
            self.seen.append(int(x.shape[-1]))
            if x.shape[-1] != self.width:
                raise ValueError(f"guard {token}: built for width {self.width}, received "
                                 f"{x.shape[-1]}")
            return x

        def compute_output_shape(self, input_shape):
            return input_shape

    guard = Guard(d)
    net = keras.Sequential([guard, *[keras.layers.Dense(u) for u in units]])
    net(np.zeros((1, d), dtype="float32"))
    try:
        student.call_mismatched(net)
    except ValueError as exc:   # any other error is the student's code raising
        return {"message": str(exc)[:3000], "seen": list(guard.seen)}
    return {"message": None, "seen": list(guard.seen)}


@call_mismatched_any_net.judge
def judge_call_mismatched_any_net(obs, d, units, token):
    judge_mismatch(obs, d, token)


# ------------------------------------------------------------------------- q6 AnyWidthModel

def two_widths(rng):
    return {"xs": [batch(rng, 5), batch(rng, 12), batch(rng, 5)]}


def widths_case(rng):
    widths = [int(w) for w in rng.choice(np.arange(2, 31), size=int(rng.integers(3, 5)),
                                         replace=False)]
    kernels = [dense_params(rng, w, 16)[0] for w in widths]
    b1 = dense_params(rng, 1, 16)[1]
    w2, b2 = dense_params(rng, 16, 4)
    w2_new = dense_params(rng, 16, 4)[0]
    return {"xs": [batch(rng, w) for w in widths], "kernels": kernels, "b1": b1, "w2": w2,
            "b2": b2, "w2_new": w2_new}


def any_width_outputs(xs, kernels, b1, w2, b2) -> list:
    return [relu(x @ k + b1) @ w2 + b2 for x, k in zip(xs, kernels)]


@check("q6", points=1, inputs=two_widths, hidden=False)
def anywidth_accepts_each_width(student, xs):
    """`AnyWidthModel([5, 12])` maps (batch, 5) and (batch, 12) inputs, in turn, to (batch, 4)."""
    net = student.AnyWidthModel([5, 12])
    return {"shapes": [shape_of(net(x)) for x in xs]}


@anywidth_accepts_each_width.judge
def judge_anywidth_accepts_each_width(obs, xs):
    got = obs.shapes("shapes", "The outputs of `AnyWidthModel([5, 12])`")
    want = [(x.shape[0], 4) for x in xs]
    expect(got == want, f"`AnyWidthModel([5, 12])` on inputs of widths 5, 12, 5 returned shapes "
                        f"{got}; expected {want}.")


@check("q6", points=1, inputs=widths_case)
def anywidth_variables(student, xs, kernels, b1, w2, b2, w2_new):
    """After calls on every width: one front kernel and bias per width, one trunk kernel and
    bias."""
    net = student.AnyWidthModel([x.shape[1] for x in xs])
    for x in xs:
        net(x)
    return {"shapes": [shape_of(v) for v in unique_variables(net.trainable_variables)]}


@anywidth_variables.judge
def judge_anywidth_variables(obs, xs, kernels, b1, w2, b2, w2_new):
    want = [s for x in xs for s in ((x.shape[1], 16), (16,))] + [(16, 4), (4,)]
    expect_shapes(obs.shapes("shapes", "The trainable variables of `AnyWidthModel`"), want,
                  f"The trainable variables of `AnyWidthModel` with {len(xs)} widths (a "
                  "Dense(16) front per width, one shared Dense(4) trunk)", ordered=False)


@check("q6", points=1, inputs=widths_case)
def anywidth_forward_matches_numpy(student, xs, kernels, b1, w2, b2, w2_new):
    """With known weights, width w gives relu(x @ K_w + b1) @ W2 + b2 for every width."""
    net = student.AnyWidthModel([x.shape[1] for x in xs])
    for x in xs:
        net(x[:1])
    by_shape = {tuple(a.shape): a for a in (*kernels, b1, w2, b2)}
    for v in unique_variables(net.trainable_variables):
        if tuple(shape_of(v)) in by_shape:
            v.assign(by_shape[tuple(shape_of(v))])
    return {"ys": [to_numpy(net(x)) for x in xs]}


@anywidth_forward_matches_numpy.judge
def judge_anywidth_forward_matches_numpy(obs, xs, kernels, b1, w2, b2, w2_new):
    ys = obs.list("ys", "The outputs of `AnyWidthModel`", length=len(xs))
    for y, want, x in zip(ys, any_width_outputs(xs, kernels, b1, w2, b2), xs):
        expect_close(y, want, f"`AnyWidthModel` on width {x.shape[1]} with known weights "
                              "(its own Dense(16) with ReLU, then the shared Dense(4))")


@check("q6", points=1, inputs=widths_case)
def anywidth_trunk_is_shared(student, xs, kernels, b1, w2, b2, w2_new):
    """Changing the one trunk kernel changes the output for every width (the same variable
    object serves all widths)."""
    net = student.AnyWidthModel([x.shape[1] for x in xs])
    for x in xs:
        net(x[:1])
    by_shape = {tuple(a.shape): a for a in (*kernels, b1, w2, b2)}
    variables = unique_variables(net.trainable_variables)
    for v in variables:
        if tuple(shape_of(v)) in by_shape:
            v.assign(by_shape[tuple(shape_of(v))])
    trunk = [v for v in variables if tuple(shape_of(v)) == tuple(w2_new.shape)]
    if trunk:
        trunk[0].assign(w2_new)
    return {"ys": [to_numpy(net(x)) for x in xs]}


@anywidth_trunk_is_shared.judge
def judge_anywidth_trunk_is_shared(obs, xs, kernels, b1, w2, b2, w2_new):
    ys = obs.list("ys", "The outputs of `AnyWidthModel`", length=len(xs))
    for y, want, x in zip(ys, any_width_outputs(xs, kernels, b1, w2_new, b2), xs):
        try:
            expect_close(y, want, "")
        except Fail:
            raise Fail(f"After the grader changed the trunk kernel of `AnyWidthModel` once, the "
                       f"output for width {x.shape[1]} did not follow; every width should go "
                       "through the same trunk layer (one shared Dense(4)).") from None


CHECKS.validate()
