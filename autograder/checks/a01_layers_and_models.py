"""Checks of assignment 01: layers and models.

Probes load grader-drawn weights into the student's models (matched by shape or by the
attribute names the prompt states, never by auto-generated names) and report raw values;
judges recompute the expected values in NumPy. Variable shapes are compared in order only
where the prompt fixes the order (`MySequential`); elsewhere as a multiset.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.draw import batch, dense_chain, dense_params, relu
from autograder.kit.expect import Fail, expect, expect_close, expect_shapes
from autograder.kit.probe_runtime import shape_of, step, to_numpy, unique_variables

CHECKS = Registry("01-layers-and-models")
check = CHECKS.check


def x20(rng):
    return {"x": batch(rng, 20)}


# ------------------------------------------------------------------------------------- q1 MLP

def mlp_weights(rng):
    w1, b1 = dense_params(rng, 20, 256)
    w2, b2 = dense_params(rng, 256, 10)
    return {"x": batch(rng, 20), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


@check("q1", points=1, inputs=x20, hidden=False)
def mlp_output_shape(student, x):
    """`MLP()` maps a (batch, 20) input to a (batch, 10) output."""
    return {"shape": shape_of(student.MLP()(x))}


@mlp_output_shape.judge
def judge_mlp_output_shape(obs, x):
    got = obs.shape("shape", "The output of `MLP()(x)`")
    expect(got == (x.shape[0], 10), f"`MLP()(x)` returned shape {got} for an input of shape "
                                    f"{x.shape}; expected {(x.shape[0], 10)}.")


@check("q1", points=1, inputs=mlp_weights)
def mlp_forward_matches_weights(student, x, w1, b1, w2, b2):
    """The output equals relu(x @ W1 + b1) @ W2 + b2 with the grader's weights loaded."""
    net = student.MLP()
    net(x[:1])
    step("loads known weights into the variables of `MLP` with `assign`")
    by_shape = {w.shape: w for w in (w1, b1, w2, b2)}
    loaded = []
    for v in net.trainable_variables:
        if tuple(shape_of(v)) in by_shape:
            v.assign(by_shape[tuple(shape_of(v))])
        loaded.append(to_numpy(v))
    return {"y": to_numpy(net(x)), "loaded": loaded}


@mlp_forward_matches_weights.judge
def judge_mlp_forward_matches_weights(obs, x, w1, b1, w2, b2):
    loaded = obs.arrays("loaded", "A variable of `MLP` read back after the grader loaded its "
                                  "weights")
    expect(len(loaded) == 4, f"`MLP` reports {len(loaded)} trainable variables, so the grader "
                             "could not load a 20 -> 256 -> 10 network into it.")
    expect_close(obs.raw("y"), relu(x @ w1 + b1) @ w2 + b2,
                 "`MLP.call` with known weights loaded (relu hidden layer of 256, linear output of 10)")


@check("q1", points=1, inputs=x20)
def mlp_has_four_trainable_variables(student, x):
    """Exactly two kernels and two biases, shaped for 20 -> 256 -> 10."""
    net = student.MLP()
    net(x)
    return {"shapes": [shape_of(v) for v in unique_variables(net.trainable_variables)]}


@mlp_has_four_trainable_variables.judge
def judge_mlp_has_four_trainable_variables(obs, x):
    expect_shapes(obs.shapes("shapes", "The trainable variables of `MLP`"),
                  [(20, 256), (256,), (256, 10), (10,)],
                  "The trainable variables of `MLP` (after one call)", ordered=False)


# ----------------------------------------------------------------------------- q2 MySequential

def two_dense(rng):
    w1, b1 = dense_params(rng, 4, 7)
    w2, b2 = dense_params(rng, 7, 3)
    return {"x": batch(rng, 4), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


def chain(rng, n: int) -> dict:
    widths = [int(w) for w in rng.integers(2, 9, size=n + 1)]
    params = [dense_params(rng, widths[i], widths[i + 1]) for i in range(n)]
    return {"x": batch(rng, widths[0]), "kernels": [p[0] for p in params],
            "biases": [p[1] for p in params]}


def long_chain(rng):
    return chain(rng, int(rng.integers(11, 14)))   # past 10: string-ordered keys break here


def short_chain(rng):
    return chain(rng, int(rng.integers(2, 6)))


@check("q2", points=1, inputs=two_dense, hidden=False)
def mysequential_runs_in_order(student, x, w1, b1, w2, b2):
    """Two Dense layers given to `MySequential` are applied first to last."""
    import keras
    first, second = keras.layers.Dense(w1.shape[1]), keras.layers.Dense(w2.shape[1])
    first.build((None, w1.shape[0]))
    second.build((None, w2.shape[0]))
    first.set_weights([w1, b1])
    second.set_weights([w2, b2])
    step("calls `MySequential` with two built Dense layers of which only the first takes "
         "inputs as wide as `x`: does `call` apply the layers first to last?")
    return {"y": to_numpy(student.MySequential(first, second)(x))}


@mysequential_runs_in_order.judge
def judge_mysequential_runs_in_order(obs, x, w1, b1, w2, b2):
    expect_close(obs.raw("y"), (x @ w1 + b1) @ w2 + b2,
                 "`MySequential` given two Dense layers (it should apply the first, then "
                 "the second)")


@check("q2", points=1, inputs=long_chain, after=["mysequential_runs_in_order"])
def mysequential_any_length(student, x, kernels, biases):
    """Any number of layers (more than 10 here), applied in order, their variables tracked in
    order."""
    import keras
    layers = [keras.layers.Dense(k.shape[1]) for k in kernels]
    for layer, k, b in zip(layers, kernels, biases):
        layer.build((None, k.shape[0]))
        layer.set_weights([k, b])
    step("calls `MySequential` with more than 10 built Dense layers, each taking only the "
         "previous layer's output width: does `call` apply all of them, first to last?")
    net = student.MySequential(*layers)
    return {"y": to_numpy(net(x)),
            "tracked": [shape_of(v) for v in unique_variables(net.trainable_variables)]}


@mysequential_any_length.judge
def judge_mysequential_any_length(obs, x, kernels, biases):
    n = len(kernels)
    expect_close(obs.raw("y"), dense_chain(x, kernels, biases), f"`MySequential` with {n} layers")
    shapes = [s for k, b in zip(kernels, biases) for s in (k.shape, b.shape)]
    expect_shapes(obs.shapes("tracked", "The trainable variables of `MySequential`"), shapes,
                  f"The trainable variables of `MySequential` with {n} Dense layers")


@check("q2", points=1, inputs=short_chain, after=["mysequential_runs_in_order"])
def mysequential_gradients_reach_all(student, x, kernels, biases):
    """The gradient of sum(output) reaches every child's kernel and bias through
    `trainable_variables`."""
    import keras
    import tensorflow as tf
    layers = [keras.layers.Dense(k.shape[1]) for k in kernels]
    for layer, k, b in zip(layers, kernels, biases):
        layer.build((None, k.shape[0]))
        layer.set_weights([k, b])
    own = [v for layer in layers for v in (layer.kernel, layer.bias)]
    step("calls `MySequential` under `tf.GradientTape` with built Dense layers, each taking only "
         "the previous layer's output width: does `call` apply all of them, first to last?")
    net = student.MySequential(*layers)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(net(x))
    variables = list(net.trainable_variables)
    grads = tape.gradient(loss, variables)
    return {"which": [next((i for i, o in enumerate(own) if o is v), -1) for v in variables],
            "grads": [None if g is None else to_numpy(g) for g in grads]}


@mysequential_gradients_reach_all.judge
def judge_mysequential_gradients_reach_all(obs, x, kernels, biases):
    # Backpropagate d sum(y) / dy = 1 through the linear chain.
    acts = [x.astype(np.float64)]
    for k, b in zip(kernels, biases):
        acts.append(acts[-1] @ k + b)
    upstream = np.ones_like(acts[-1])
    expected = []
    for i in reversed(range(len(kernels))):
        expected = [acts[i].T @ upstream, upstream.sum(axis=0)] + expected
        upstream = upstream @ kernels[i].T
    which = obs.ints("which", "The variables `MySequential.trainable_variables` lists")
    grads = obs.arrays("grads", "The gradients", length=len(which), allow_none=True)
    for i, want in enumerate(expected):
        name = f"the {'kernel' if i % 2 == 0 else 'bias'} of layer {i // 2 + 1}"
        expect(i in which, f"`MySequential.trainable_variables` does not list {name}, so "
                           "gradients cannot reach it.")
        got = grads[which.index(i)]
        expect(got is not None, f"No gradient reaches {name} of `MySequential`.")
        expect_close(got, want, f"The gradient of {name} of `MySequential`")


# --------------------------------------------------------------------------- q3 FixedHiddenMLP

def fixed_hidden_expected(x, c, w, b) -> np.ndarray:
    """NumPy re-computation of FixedHiddenMLP; also the result one halving away near the edge."""
    h = x.astype(np.float64) @ w + b
    h = relu(h @ c + 1)
    h = h @ w + b
    halvings = 0
    while np.abs(h).sum() / 2 ** halvings > 1:
        halvings += 1
    return np.array([h.sum() / 2 ** halvings, h.sum() / 2 ** max(halvings - 1, 0),
                     h.sum() / 2 ** (halvings + 1)])


def fixed_weights(rng):
    w, b = dense_params(rng, 20, 20)
    c = rng.uniform(0, 1, size=(20, 20)).astype("float32")
    return {"x": batch(rng, 20), "c": c, "w": w, "b": b}


def x2(rng):
    return {"x": batch(rng, 20, rows=(2, 3))}


@check("q3", points=1, inputs=x2, hidden=False)
def fixed_returns_a_scalar(student, x):
    """`FixedHiddenMLP()` returns one number for a (2, 20) input and holds a (20, 20) constant."""
    net = student.FixedHiddenMLP()
    y = to_numpy(net(x))
    return {"size": int(np.size(y)), "finite": bool(np.all(np.isfinite(y))),
            "constant": shape_of(net.rand_weight)}


@fixed_returns_a_scalar.judge
def judge_fixed_returns_a_scalar(obs, x):
    size = obs.int("size", "The size of `FixedHiddenMLP()(x)`")
    expect(size == 1, f"`FixedHiddenMLP()(x)` returned {size} values; expected one number "
                      "(step 5: the sum of the final activations).")
    expect(obs.bool("finite", "Whether the output is finite"),
           "`FixedHiddenMLP()(x)` returned a value that is not finite.")
    got = obs.shape("constant", "The shape of `FixedHiddenMLP().rand_weight`")
    expect(got == (20, 20), f"`rand_weight` of `FixedHiddenMLP` has shape {got} after a call; "
                            "expected (20, 20).")


@check("q3", points=1, inputs=x20)
def fixed_constant_not_trainable(student, x):
    """The (20, 20) constant is a weight drawn from U[0, 1) that training does not change."""
    net = student.FixedHiddenMLP()
    net(x)
    constants = unique_variables(net.non_trainable_weights)
    return {"non_trainable": [shape_of(v) for v in constants],
            "values": [to_numpy(v) for v in constants]}


@fixed_constant_not_trainable.judge
def judge_fixed_constant_not_trainable(obs, x):
    shapes = obs.shapes("non_trainable", "The non-trainable weights of `FixedHiddenMLP`")
    expect(shapes == [(20, 20)], f"`FixedHiddenMLP` has non-trainable weights of shapes {shapes}; "
                                 "expected exactly one (20, 20) constant created with "
                                 "`trainable=False`.")
    values = obs.arrays("values", "`FixedHiddenMLP.rand_weight`", length=1)[0]
    expect(values.min() >= 0 and values.max() < 1,
           "`FixedHiddenMLP.rand_weight` holds values outside [0, 1); draw it uniformly from "
           "[0, 1).")
    # 400 draws of U[0, 1): the mean's sd is sqrt(1/12) / 20 = 0.0144, so 5 sd is 0.072; the
    # range of 400 such draws is below 0.9 with probability about 400 * 0.9 ** 399 < 1e-15.
    expect(abs(values.mean() - 0.5) < 0.072 and values.max() - values.min() > 0.9,
           "`FixedHiddenMLP.rand_weight` is not spread uniformly over [0, 1).")


@check("q3", points=1, inputs=x20)
def fixed_reused_layer_single_weights(student, x):
    """The Dense layer used twice owns one kernel and one bias, not two copies."""
    net = student.FixedHiddenMLP()
    net(x)
    return {"trainable": [shape_of(v) for v in unique_variables(net.trainable_weights)]}


@fixed_reused_layer_single_weights.judge
def judge_fixed_reused_layer_single_weights(obs, x):
    expect_shapes(obs.shapes("trainable", "The trainable weights of `FixedHiddenMLP`"),
                  [(20, 20), (20,)],
                  "The trainable weights of `FixedHiddenMLP` (one Dense(20) used twice)",
                  ordered=False)


@check("q3", points=1, inputs=fixed_weights)
def fixed_forward_matches_numpy(student, x, c, w, b):
    """Eager output equals the NumPy computation, halving loop included."""
    net = student.FixedHiddenMLP()
    net(x)
    step("loads known values into `rand_weight` (with `assign`) and `linear` (with "
         "`set_weights`)")
    net.rand_weight.assign(c)
    net.linear.set_weights([w, b])
    return {"y": to_numpy(net(x))}


def judge_fixed(obs, x, c, w, b, mode: str) -> None:
    y = obs.array("y", f"`FixedHiddenMLP` ({mode})")
    expect(y.size == 1, f"`FixedHiddenMLP` ({mode}) returned shape {y.shape}; expected a scalar "
                        "(the sum of the final activations).")
    candidates = fixed_hidden_expected(x, c, w, b)
    # float32 vs float64 can flip the last halving when sum(|X|) is within rounding of 1.
    exact, *near_edge = candidates
    if np.isclose(y.item(), exact, rtol=1e-4, atol=1e-6):
        return
    if any(np.isclose(y.item(), alt, rtol=1e-4, atol=1e-6) for alt in near_edge):
        h_sum = abs(exact) * 2
        if abs(h_sum - 1) < 1e-3 or abs(abs(exact) - 1) < 1e-3:
            return
    raise Fail(f"`FixedHiddenMLP` ({mode}) returned a value that differs from linear -> "
               "relu(X @ rand_weight + 1) -> the same linear -> halve while sum(|X|) > 1 -> sum.")


@fixed_forward_matches_numpy.judge
def judge_fixed_forward_matches_numpy(obs, x, c, w, b):
    judge_fixed(obs, x, c, w, b, "called eagerly")


@check("q3", points=1, inputs=fixed_weights)
def fixed_graph_safe(student, x, c, w, b):
    """The same result inside `tf.function` (a graph-safe loop, not a Python while on a tensor)."""
    import tensorflow as tf
    net = student.FixedHiddenMLP()
    net(x)
    step("loads known values into `rand_weight` (with `assign`) and `linear` (with "
         "`set_weights`)")
    net.rand_weight.assign(c)
    net.linear.set_weights([w, b])
    step("calls `FixedHiddenMLP` inside `tf.function`")
    return {"y": to_numpy(tf.function(net)(tf.constant(x)))}


@fixed_graph_safe.judge
def judge_fixed_graph_safe(obs, x, c, w, b):
    judge_fixed(obs, x, c, w, b, "inside `tf.function`")


# ---------------------------------------------------------------------- q4 NestMLP and chimera

def any_width(rng):
    return {"x": batch(rng, int(rng.integers(3, 30)))}


def nest_weights(rng):
    d = int(rng.integers(3, 30))
    params = [dense_params(rng, a, b) for a, b in ((d, 64), (64, 32), (32, 16))]
    return {"x": batch(rng, d), "kernels": [p[0] for p in params],
            "biases": [p[1] for p in params]}


@check("q4", points=1, inputs=x2, hidden=False)
def nestmlp_output_shape(student, x):
    """`NestMLP()` maps a (2, 20) input to a (2, 16) output."""
    return {"shape": shape_of(student.NestMLP()(x))}


@nestmlp_output_shape.judge
def judge_nestmlp_output_shape(obs, x):
    got = obs.shape("shape", "The output of `NestMLP()(x)`")
    expect(got == (2, 16), f"`NestMLP()(x)` returned shape {got} for a (2, 20) input; "
                           "expected (2, 16).")


@check("q4", points=1, inputs=any_width)
def nestmlp_structure(student, x):
    """Six variables; the inner Sequential's four sit one level deeper than the last Dense's."""
    net = student.NestMLP()
    y = net(x)
    variables = unique_variables(net.trainable_variables)
    return {"shape": shape_of(y), "shapes": [shape_of(v) for v in variables],
            "depths": [len(v.path.split("/")) for v in variables]}


@nestmlp_structure.judge
def judge_nestmlp_structure(obs, x):
    d = x.shape[1]
    got = obs.shape("shape", "The output of `NestMLP()(x)`")
    expect(got == (x.shape[0], 16),
           f"`NestMLP()(x)` returned shape {got}; expected {(x.shape[0], 16)}.")
    inner, outer = [(d, 64), (64,), (64, 32), (32,)], [(32, 16), (16,)]
    shapes = obs.shapes("shapes", "The trainable variables of `NestMLP`")
    expect_shapes(shapes, inner + outer,
                  f"The trainable variables of `NestMLP` on inputs of width {d}", ordered=False)
    depth = dict(zip(shapes, obs.ints("depths", "The depths of `NestMLP`'s variable paths")))
    expect(len({depth.get(s) for s in inner}) == 1 and len({depth.get(s) for s in outer}) == 1
           and depth.get(inner[0]) == depth.get(outer[0], -2) + 1,
           "The variables of `NestMLP`'s inner block should sit in a nested model "
           "(their `.path` one level deeper than the final Dense layer's).")


@check("q4", points=1, inputs=nest_weights)
def nestmlp_forward_matches_numpy(student, x, kernels, biases):
    """With known weights, the output is Dense(16)(relu Dense(32)(relu Dense(64)(x)))."""
    net = student.NestMLP()
    net(x[:1])
    step("loads known weights into the variables of `NestMLP` with `assign`")
    by_shape = {tuple(a.shape): a for a in [*kernels, *biases]}
    for v in unique_variables(net.trainable_variables):
        if tuple(shape_of(v)) in by_shape:
            v.assign(by_shape[tuple(shape_of(v))])
    return {"y": to_numpy(net(x))}


@nestmlp_forward_matches_numpy.judge
def judge_nestmlp_forward_matches_numpy(obs, x, kernels, biases):
    expect_close(obs.raw("y"), dense_chain(x, kernels, biases, activation=relu),
                 "`NestMLP()(x)` with known weights (relu after the inner block's two layers, "
                 "none after the last)")


@check("q4", points=1, inputs=x20, needs=["NestMLP", "FixedHiddenMLP"],
       after=["nestmlp_output_shape", "nestmlp_structure", "fixed_returns_a_scalar",
              "fixed_constant_not_trainable", "fixed_reused_layer_single_weights"])
def chimera_structure(student, x):
    """NestMLP -> Dense(20) -> FixedHiddenMLP in one Sequential, called on (batch, 20)."""
    net = student.chimera()
    y = net(x)
    return {"size": int(np.size(to_numpy(y))),
            "trainable": [shape_of(v) for v in unique_variables(net.trainable_weights)],
            "non_trainable": [shape_of(v) for v in unique_variables(net.non_trainable_weights)]}


@chimera_structure.judge
def judge_chimera_structure(obs, x):
    size = obs.int("size", "The size of `chimera()(x)`")
    expect(size == 1, f"`chimera()(x)` returned {size} values; expected a scalar "
                      "(FixedHiddenMLP ends the chain).")
    expect_shapes(obs.shapes("trainable", "The trainable weights of `chimera()`"),
                  [(20, 64), (64,), (64, 32), (32,), (32, 16), (16,), (16, 20), (20,), (20, 20),
                   (20,)], "The trainable weights of `chimera()`", ordered=False)
    expect(obs.shapes("non_trainable", "The non-trainable weights of `chimera()`") == [(20, 20)],
           "`chimera()` should hold exactly one non-trainable weight (FixedHiddenMLP's constant).")


# ------------------------------------------------------------------------------- q5 Parallel

def two_branches(rng):
    d, a, c = (int(v) for v in rng.integers(2, 9, size=3))
    w1, b1 = dense_params(rng, d, a)
    w2, b2 = dense_params(rng, d, c)
    return {"x": batch(rng, d), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


@check("q5", points=1, inputs=x20, hidden=False)
def parallel_output_width(student, x):
    """`Parallel(Dense(3), Dense(5))` maps (batch, 20) to (batch, 8)."""
    import keras
    return {"shape": shape_of(student.Parallel(keras.layers.Dense(3), keras.layers.Dense(5))(x))}


@parallel_output_width.judge
def judge_parallel_output_width(obs, x):
    got = obs.shape("shape", "The output of `Parallel(Dense(3), Dense(5))(x)`")
    expect(got == (x.shape[0], 8), f"`Parallel(Dense(3), Dense(5))(x)` returned shape {got}; "
                                   f"expected {(x.shape[0], 8)} (3 + 5 on the last axis).")


@check("q5", points=1, inputs=two_branches)
def parallel_concatenates(student, x, w1, b1, w2, b2):
    """`Parallel(net1, net2)(x)` is net1(x) and net2(x) concatenated on the last axis."""
    import keras
    net1, net2 = keras.layers.Dense(w1.shape[1]), keras.layers.Dense(w2.shape[1])
    net1.build(x.shape)
    net2.build(x.shape)
    net1.set_weights([w1, b1])
    net2.set_weights([w2, b2])
    return {"y": to_numpy(student.Parallel(net1, net2)(x))}


@parallel_concatenates.judge
def judge_parallel_concatenates(obs, x, w1, b1, w2, b2):
    expect_close(obs.raw("y"), np.concatenate([x @ w1 + b1, x @ w2 + b2], axis=-1),
                 "`Parallel(net1, net2)(x)` (net1(x) then net2(x), joined on the last axis)")


@check("q5", points=1, inputs=two_branches)
def parallel_tracks_both(student, x, w1, b1, w2, b2):
    """Both networks' variables are variables of the Parallel model."""
    import keras
    net1, net2 = keras.layers.Dense(w1.shape[1]), keras.layers.Dense(w2.shape[1])
    net1.build(x.shape)
    net2.build(x.shape)
    net = student.Parallel(net1, net2)   # tracking needs no forward pass
    return {"shapes": [shape_of(v) for v in unique_variables(net.trainable_variables)]}


@parallel_tracks_both.judge
def judge_parallel_tracks_both(obs, x, w1, b1, w2, b2):
    expect_shapes(obs.shapes("shapes", "The trainable variables of `Parallel`"),
                  [w1.shape, b1.shape, w2.shape, b2.shape],
                  "The trainable variables of `Parallel(net1, net2)`", ordered=False)


# ---------------------------------------------------------------------------------- q6 stack

def copies(rng):
    n, width = int(rng.integers(2, 5)), int(rng.integers(2, 7))
    params = [dense_params(rng, width, width) for _ in range(n)]
    return {"x": batch(rng, width), "kernels": [p[0] for p in params],
            "biases": [p[1] for p in params]}


def x4(rng):
    return {"x": batch(rng, 4, rows=(3, 4))}


@check("q6", points=1, inputs=x4, hidden=False)
def stack_makes_n_copies(student, x):
    """`stack(factory, 3)` calls the factory 3 times and maps (3, 4) to (3, 4)."""
    import keras
    made = []

    def factory():
        made.append(keras.layers.Dense(4))
        return made[-1]

    net = student.stack(factory, 3)
    return {"calls": len(made), "shape": shape_of(net(x))}


@stack_makes_n_copies.judge
def judge_stack_makes_n_copies(obs, x):
    calls = obs.int("calls", "The number of factory calls")
    expect(calls == 3, f"`stack(factory, 3)` called the factory {calls} times; expected 3.")
    got = obs.shape("shape", "The output of `stack(factory, 3)(x)`")
    expect(got == (3, 4), f"`stack(factory, 3)(x)` returned shape {got} for a (3, 4) input of "
                          "three Dense(4) copies; expected (3, 4).")


@check("q6", points=1, inputs=copies, after=["stack_makes_n_copies"])
def stack_distinct_copies(student, x, kernels, biases):
    """`stack(factory, n)` calls the factory n times and keeps n separate sets of weights."""
    import keras
    made = []

    def factory():
        made.append(keras.layers.Dense(x.shape[1]))
        return made[-1]

    net = student.stack(factory, len(kernels))
    net(x)
    return {"calls": len(made), "n_variables": len(unique_variables(net.trainable_variables))}


@stack_distinct_copies.judge
def judge_stack_distinct_copies(obs, x, kernels, biases):
    n = len(kernels)
    calls = obs.int("calls", "The number of factory calls")
    expect(calls == n, f"`stack(factory, {n})` called the factory {calls} times; "
                       f"expected {n} (one call per copy).")
    count = obs.int("n_variables", "The number of trainable variables")
    expect(count == 2 * n, f"`stack(factory, {n})` tracks {count} trainable variables; expected "
                           f"{2 * n} (a kernel and a bias for each of {n} distinct copies).")


@check("q6", points=1, inputs=copies, after=["stack_makes_n_copies"])
def stack_composition_order(student, x, kernels, biases):
    """The copies are applied in the order the factory made them."""
    import keras
    made = []

    def factory():
        made.append(keras.layers.Dense(x.shape[1]))
        made[-1].build((None, x.shape[1]))
        return made[-1]

    net = student.stack(factory, len(kernels))
    for layer, k, b in zip(made, kernels, biases):
        layer.set_weights([k, b])
    return {"y": to_numpy(net(x))}


@stack_composition_order.judge
def judge_stack_composition_order(obs, x, kernels, biases):
    expect_close(obs.raw("y"), dense_chain(x, kernels, biases),
                 "`stack(factory, n)(x)` (the first copy made should be applied first)")


# ------------------------------------------------------------------------- q7 untracked_demo

@check("q7", points=1, inputs=x2, hidden=False)
def untracked_demo_runs(student, x):
    """`untracked_demo()` returns a model that maps a (2, 20) input to 2 rows."""
    import keras
    net = student.untracked_demo()
    return {"model": isinstance(net, keras.Model), "shape": shape_of(net(x))}


@untracked_demo_runs.judge
def judge_untracked_demo_runs(obs, x):
    expect(obs.bool("model", "Whether `untracked_demo()` returned a model"),
           "`untracked_demo()` should return a `keras.Model`.")
    got = obs.shape("shape", "The output of `untracked_demo()(x)`")
    expect(len(got) == 2 and got[0] == 2,
           f"`untracked_demo()(x)` returned shape {got} for a (2, 20) input; expected (2, units).")


@check("q7", points=1, inputs=x20)
def untracked_demo_hides_layers(student, x):
    """The returned model computes with layers that Keras does not track (0 variables)."""
    net = student.untracked_demo()
    y = to_numpy(net(x))
    return {"y": y, "again": to_numpy(net(x)), "n_variables": len(net.trainable_variables),
            "n_weights": len(net.weights)}


@untracked_demo_hides_layers.judge
def judge_untracked_demo_hides_layers(obs, x):
    y = obs.array("y", "`untracked_demo()(x)`")
    n_variables = obs.int("n_variables", "The number of trainable variables")
    n_weights = obs.int("n_weights", "The number of weights")
    expect(n_variables == 0 and n_weights == 0,
           f"`untracked_demo()`'s model reports {n_variables} trainable variables; its "
           "layers should sit in a container Keras 3 does not track, so it should report 0.")
    expect(y.shape != x.shape or not np.allclose(y, x),
           "`untracked_demo()`'s model returns its input unchanged; it should compute with its "
           "(untracked) Dense layers.")
    expect_close(obs.raw("again"), y, "A second call of `untracked_demo()`'s model on the same "
                                      "input (the same Dense layers should be used every time, "
                                      "not new ones)")


CHECKS.validate()
