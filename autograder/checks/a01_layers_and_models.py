"""Checks of assignment 01: layers and models.

Probes load grader-drawn weights into the student's models (matched by shape, never by
auto-generated names) and report raw outputs; judges recompute the expected values in NumPy.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.expect import Fail, as_array, expect, expect_close, expect_int, expect_shapes
from autograder.checks.framework import Registry
from autograder.probe_runtime import to_numpy, unique_variables  # given to probes in the sandbox

CHECKS = Registry("01-layers-and-models")
check = CHECKS.check


def relu(x: np.ndarray) -> np.ndarray:
    return np.maximum(x, 0.0)


def dense_params(rng, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    """A kernel and bias drawn like a Glorot-scaled initializer, in float32."""
    w = rng.normal(0, 1 / np.sqrt(n_in), size=(n_in, n_out)).astype("float32")
    b = rng.normal(0, 0.1, size=(n_out,)).astype("float32")
    return w, b


def batch(rng, width: int) -> np.ndarray:
    return rng.normal(size=(int(rng.integers(2, 7)), width)).astype("float32")


# ------------------------------------------------------------------------------------- q1 MLP

@check("q1", points=1, needs=["MLP"], hidden=False)
def mlp_output_shape(student, x):
    """`MLP()` maps a (batch, 20) input to a (batch, 10) output."""
    return {"shape": list(student.MLP()(x).shape)}


@mlp_output_shape.inputs
def _(rng):
    return {"x": batch(rng, 20)}


@mlp_output_shape.judge
def _(obs, x):
    got = tuple(obs["shape"])
    expect(got == (x.shape[0], 10), f"`MLP()(x)` returned shape {got} for an input of shape "
                                    f"{x.shape}; expected {(x.shape[0], 10)}.")


@check("q1", points=1, needs=["MLP"])
def mlp_forward_matches_weights(student, x, w1, b1, w2, b2):
    """The output equals relu(x @ W1 + b1) @ W2 + b2 with the grader's weights loaded."""
    net = student.MLP()
    net(x[:1])
    by_shape = {w.shape: w for w in (w1, b1, w2, b2)}
    loaded = []
    for v in net.trainable_variables:
        if tuple(v.shape) in by_shape:
            v.assign(by_shape[tuple(v.shape)])
        loaded.append(to_numpy(v))
    return {"y": to_numpy(net(x)), "loaded": loaded}


@mlp_forward_matches_weights.inputs
def _(rng):
    w1, b1 = dense_params(rng, 20, 256)
    w2, b2 = dense_params(rng, 256, 10)
    return {"x": batch(rng, 20), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


@mlp_forward_matches_weights.judge
def _(obs, x, w1, b1, w2, b2):
    expect(len(obs["loaded"]) == 4, f"`MLP` reports {len(obs['loaded'])} trainable variables, "
                                     "so the grader could not load a 20 -> 256 -> 10 network into it.")
    for got in obs["loaded"]:
        as_array(got, "A variable of `MLP` read back after the grader loaded its weights")
    expect_close(obs["y"], relu(x @ w1 + b1) @ w2 + b2,
                 "`MLP.call` with known weights loaded (relu hidden layer of 256, linear output of 10)")


@check("q1", points=1, needs=["MLP"])
def mlp_has_four_trainable_variables(student, x):
    """Exactly two kernels and two biases, shaped for 20 -> 256 -> 10."""
    net = student.MLP()
    net(x)
    return {"shapes": [list(v.shape) for v in unique_variables(net.trainable_variables)]}


@mlp_has_four_trainable_variables.inputs
def _(rng):
    return {"x": batch(rng, 20)}


@mlp_has_four_trainable_variables.judge
def _(obs, x):
    expect_shapes(obs["shapes"], [(20, 256), (256,), (256, 10), (10,)],
                  "The trainable variables of `MLP` (after one call)")


# ----------------------------------------------------------------------------- q2 MySequential

@check("q2", points=1, needs=["MySequential"], hidden=False)
def mysequential_runs_in_order(student, x, w1, b1, w2, b2):
    """Two Dense layers given to `MySequential` are applied first to last."""
    import keras
    first, second = keras.layers.Dense(w1.shape[1]), keras.layers.Dense(w2.shape[1])
    net = student.MySequential(first, second)
    net(x)
    first.set_weights([w1, b1])
    second.set_weights([w2, b2])
    return {"y": to_numpy(net(x))}


@mysequential_runs_in_order.inputs
def _(rng):
    w1, b1 = dense_params(rng, 4, 7)
    w2, b2 = dense_params(rng, 7, 3)
    return {"x": batch(rng, 4), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


@mysequential_runs_in_order.judge
def _(obs, x, w1, b1, w2, b2):
    expect_close(obs["y"], (x @ w1 + b1) @ w2 + b2,
                 "`MySequential(first, second)(x)` (it should compute second(first(x)))")


def chain_inputs(rng) -> dict:
    n = int(rng.integers(2, 6))  # two or more, so that order matters
    widths = [int(w) for w in rng.integers(2, 9, size=n + 1)]
    params = [dense_params(rng, widths[i], widths[i + 1]) for i in range(n)]
    return {"x": batch(rng, widths[0]), "kernels": [p[0] for p in params],
            "biases": [p[1] for p in params]}


@check("q2", points=1, needs=["MySequential"])
def mysequential_any_length(student, x, kernels, biases):
    """Any number of layers, applied in order, each one's variables tracked."""
    import keras
    layers = [keras.layers.Dense(k.shape[1]) for k in kernels]
    net = student.MySequential(*layers)
    net(x)
    for layer, k, b in zip(layers, kernels, biases):
        layer.set_weights([k, b])
    return {"y": to_numpy(net(x)),
            "tracked": [list(v.shape) for v in unique_variables(net.trainable_variables)]}


mysequential_any_length.inputs(chain_inputs)


@mysequential_any_length.judge
def _(obs, x, kernels, biases):
    expected = x
    for k, b in zip(kernels, biases):
        expected = expected @ k + b
    n = len(kernels)
    expect_close(obs["y"], expected, f"`MySequential` with {n} layer(s)")
    shapes = [s for k, b in zip(kernels, biases) for s in (k.shape, b.shape)]
    expect_shapes(obs["tracked"], shapes,
                  f"The trainable variables of `MySequential` with {n} Dense layer(s)")


@check("q2", points=1, needs=["MySequential"])
def mysequential_gradients_reach_all(student, x, kernels, biases):
    """The gradient of sum(output) reaches every child's kernel and bias."""
    import keras
    import tensorflow as tf
    layers = [keras.layers.Dense(k.shape[1]) for k in kernels]
    net = student.MySequential(*layers)
    net(x)
    for layer, k, b in zip(layers, kernels, biases):
        layer.set_weights([k, b])
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(net(x))
    variables = net.trainable_variables
    grads = tape.gradient(loss, variables)
    return {"grads": [None if g is None else to_numpy(g) for g in grads]}


mysequential_gradients_reach_all.inputs(chain_inputs)


@mysequential_gradients_reach_all.judge
def _(obs, x, kernels, biases):
    # Backpropagate d sum(y) / dy = 1 through the linear chain.
    acts = [x]
    for k, b in zip(kernels, biases):
        acts.append(acts[-1] @ k + b)
    upstream = np.ones_like(acts[-1], dtype=np.float64)
    expected = []
    for i in reversed(range(len(kernels))):
        expected = [acts[i].T @ upstream, upstream.sum(axis=0)] + expected
        upstream = upstream @ kernels[i].T
    grads = obs["grads"]
    expect(isinstance(grads, list) and len(grads) == len(expected),
           f"`MySequential.trainable_variables` lists {len(grads)} variables; expected "
           f"{len(expected)} (a kernel and a bias per layer), so gradients cannot reach all.")
    for i, (got, want) in enumerate(zip(grads, expected)):
        expect(got is not None, f"No gradient reaches trainable variable {i} of `MySequential`.")
        expect_close(got, want, f"The gradient of trainable variable {i} of `MySequential`")


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


def fixed_inputs(rng) -> dict:
    w, b = dense_params(rng, 20, 20)
    c = rng.uniform(0, 1, size=(20, 20)).astype("float32")
    return {"x": batch(rng, 20), "c": c, "w": w, "b": b}


@check("q3", points=1, needs=["FixedHiddenMLP"])
def fixed_constant_not_trainable(student, x):
    """The (20, 20) constant is a weight of the model that training does not change."""
    net = student.FixedHiddenMLP()
    net(x)
    return {"non_trainable": [list(v.shape) for v in unique_variables(net.non_trainable_weights)],
            "trainable": [list(v.shape) for v in unique_variables(net.trainable_weights)]}


@fixed_constant_not_trainable.inputs
def _(rng):
    return {"x": batch(rng, 20)}


@fixed_constant_not_trainable.judge
def _(obs, x):
    expect([tuple(s) for s in obs["non_trainable"]] == [(20, 20)],
           f"`FixedHiddenMLP` has non-trainable weights of shapes "
           f"{[tuple(s) for s in obs['non_trainable']]}; expected exactly one (20, 20) constant "
           "created with `trainable=False`.")


@check("q3", points=1, needs=["FixedHiddenMLP"])
def fixed_reused_layer_single_weights(student, x):
    """The Dense layer used twice owns one kernel and one bias, not two copies."""
    net = student.FixedHiddenMLP()
    net(x)
    return {"trainable": [list(v.shape) for v in unique_variables(net.trainable_weights)]}


fixed_reused_layer_single_weights.inputs(lambda rng: {"x": batch(rng, 20)})


@fixed_reused_layer_single_weights.judge
def _(obs, x):
    expect_shapes(obs["trainable"], [(20, 20), (20,)],
                  "The trainable weights of `FixedHiddenMLP` (one Dense(20) used twice)")


@check("q3", points=1, needs=["FixedHiddenMLP"])
def fixed_forward_matches_numpy(student, x, c, w, b):
    """Eager output equals the NumPy computation, halving loop included."""
    net = student.FixedHiddenMLP()
    net(x)
    net.rand_weight.assign(c)
    net.linear.set_weights([w, b])
    return {"y": to_numpy(net(x))}


fixed_forward_matches_numpy.inputs(fixed_inputs)


def judge_fixed(obs, x, c, w, b, mode: str) -> None:
    y = as_array(obs["y"], f"`FixedHiddenMLP` ({mode})")
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
def _(obs, x, c, w, b):
    judge_fixed(obs, x, c, w, b, "called eagerly")


@check("q3", points=1, needs=["FixedHiddenMLP"])
def fixed_graph_safe(student, x, c, w, b):
    """The same result inside `tf.function` (a graph-safe loop, not a Python while on a tensor)."""
    import tensorflow as tf
    net = student.FixedHiddenMLP()
    net(x)
    net.rand_weight.assign(c)
    net.linear.set_weights([w, b])
    return {"y": to_numpy(tf.function(net)(tf.constant(x)))}


fixed_graph_safe.inputs(fixed_inputs)


@fixed_graph_safe.judge
def _(obs, x, c, w, b):
    judge_fixed(obs, x, c, w, b, "inside `tf.function`")


# ---------------------------------------------------------------------- q4 NestMLP and chimera

@check("q4", points=1, needs=["NestMLP"])
def nestmlp_structure(student, x):
    """Six variables; the inner Sequential's four sit one level deeper than the last Dense's."""
    net = student.NestMLP()
    y = net(x)
    variables = unique_variables(net.trainable_variables)
    return {"shape": list(y.shape), "shapes": [list(v.shape) for v in variables],
            "depths": [len(v.path.split("/")) for v in variables]}


@nestmlp_structure.inputs
def _(rng):
    return {"x": batch(rng, int(rng.integers(3, 30)))}


@nestmlp_structure.judge
def _(obs, x):
    d = x.shape[1]
    expect(tuple(obs["shape"]) == (x.shape[0], 16),
           f"`NestMLP()(x)` returned shape {tuple(obs['shape'])}; expected {(x.shape[0], 16)}.")
    expect_shapes(obs["shapes"], [(d, 64), (64,), (64, 32), (32,), (32, 16), (16,)],
                  f"The trainable variables of `NestMLP` on inputs of width {d}")
    depths = [expect_int(v, "A variable path depth") for v in obs["depths"]]
    expect(len(set(depths[:4])) == 1 and depths[0] == depths[4] + 1 == depths[5] + 1,
           "The variables of `NestMLP`'s inner block should sit in a nested model "
           "(their `.path` one level deeper than the final Dense layer's).")


@check("q4", points=1, needs=["chimera", "NestMLP", "FixedHiddenMLP"])
def chimera_structure(student, x):
    """NestMLP -> Dense(20) -> FixedHiddenMLP in one Sequential, called on (batch, 20)."""
    net = student.chimera()
    y = net(x)
    return {"size": int(np.size(to_numpy(y))),
            "trainable": [list(v.shape) for v in unique_variables(net.trainable_weights)],
            "non_trainable": [list(v.shape) for v in unique_variables(net.non_trainable_weights)]}


chimera_structure.inputs(lambda rng: {"x": batch(rng, 20)})


@chimera_structure.judge
def _(obs, x):
    expect(obs["size"] == 1, f"`chimera()(x)` returned {obs['size']} values; expected a scalar "
                             "(FixedHiddenMLP ends the chain).")
    expect_shapes(obs["trainable"], [(20, 64), (64,), (64, 32), (32,), (32, 16), (16,),
                                     (16, 20), (20,), (20, 20), (20,)],
                  "The trainable weights of `chimera()`")
    expect([tuple(s) for s in obs["non_trainable"]] == [(20, 20)],
           "`chimera()` should hold exactly one non-trainable weight (FixedHiddenMLP's constant).")


# ------------------------------------------------------------------------------- q5 Parallel

def parallel_inputs(rng) -> dict:
    d, a, c = (int(v) for v in rng.integers(2, 9, size=3))
    w1, b1 = dense_params(rng, d, a)
    w2, b2 = dense_params(rng, d, c)
    return {"x": batch(rng, d), "w1": w1, "b1": b1, "w2": w2, "b2": b2}


@check("q5", points=1, needs=["Parallel"])
def parallel_concatenates(student, x, w1, b1, w2, b2):
    """`Parallel(net1, net2)(x)` is net1(x) and net2(x) concatenated on the last axis."""
    import keras
    net1, net2 = keras.layers.Dense(w1.shape[1]), keras.layers.Dense(w2.shape[1])
    net = student.Parallel(net1, net2)
    net(x)
    net1.set_weights([w1, b1])
    net2.set_weights([w2, b2])
    return {"y": to_numpy(net(x))}


parallel_concatenates.inputs(parallel_inputs)


@parallel_concatenates.judge
def _(obs, x, w1, b1, w2, b2):
    expect_close(obs["y"], np.concatenate([x @ w1 + b1, x @ w2 + b2], axis=-1),
                 "`Parallel(net1, net2)(x)` (net1(x) then net2(x), joined on the last axis)")


@check("q5", points=1, needs=["Parallel"])
def parallel_tracks_both(student, x, w1, b1, w2, b2):
    """Both networks' variables are variables of the Parallel model."""
    import keras
    net1, net2 = keras.layers.Dense(w1.shape[1]), keras.layers.Dense(w2.shape[1])
    net1.build(x.shape)
    net2.build(x.shape)
    net = student.Parallel(net1, net2)   # tracking needs no forward pass
    return {"shapes": [list(v.shape) for v in unique_variables(net.trainable_variables)]}


parallel_tracks_both.inputs(parallel_inputs)


@parallel_tracks_both.judge
def _(obs, x, w1, b1, w2, b2):
    expect_shapes(obs["shapes"], [w1.shape, b1.shape, w2.shape, b2.shape],
                  "The trainable variables of `Parallel(net1, net2)`")


# ---------------------------------------------------------------------------------- q6 stack

def stack_inputs(rng) -> dict:
    n, width = int(rng.integers(2, 5)), int(rng.integers(2, 7))
    params = [dense_params(rng, width, width) for _ in range(n)]
    return {"x": batch(rng, width), "kernels": [p[0] for p in params],
            "biases": [p[1] for p in params]}


@check("q6", points=1, needs=["stack"])
def stack_distinct_copies(student, x, kernels, biases):
    """`stack(factory, n)` calls the factory n times and keeps n separate sets of weights."""
    import keras
    made = []

    def factory():
        made.append(keras.layers.Dense(x.shape[1]))
        return made[-1]

    net = student.stack(factory, len(kernels))
    net(x)
    variables = unique_variables(net.trainable_variables)
    return {"calls": len(made), "n_variables": len(variables),
            "n_distinct_layers": len({id(m) for m in made})}


stack_distinct_copies.inputs(stack_inputs)


@stack_distinct_copies.judge
def _(obs, x, kernels, biases):
    n = len(kernels)
    expect(obs["calls"] == n, f"`stack(factory, {n})` called the factory {obs['calls']} times; "
                              f"expected {n} (one call per copy).")
    expect(obs["n_variables"] == 2 * n,
           f"`stack(factory, {n})` tracks {obs['n_variables']} trainable variables; expected "
           f"{2 * n} (a kernel and a bias for each of {n} distinct copies).")


@check("q6", points=1, needs=["stack"])
def stack_composition_order(student, x, kernels, biases):
    """The copies are applied in the order the factory made them."""
    import keras
    made = []

    def factory():
        made.append(keras.layers.Dense(x.shape[1]))
        return made[-1]

    net = student.stack(factory, len(kernels))
    net(x)
    for layer, k, b in zip(made, kernels, biases):
        layer.set_weights([k, b])
    return {"y": to_numpy(net(x))}


stack_composition_order.inputs(stack_inputs)


@stack_composition_order.judge
def _(obs, x, kernels, biases):
    expected = x
    for k, b in zip(kernels, biases):
        expected = expected @ k + b
    expect_close(obs["y"], expected,
                 "`stack(factory, n)(x)` (the first copy made should be applied first)")


# ------------------------------------------------------------------------- q7 untracked_demo

@check("q7", points=1, needs=["untracked_demo"])
def untracked_demo_hides_layers(student, x):
    """The returned model computes with layers that Keras does not track (0 variables)."""
    net = student.untracked_demo()
    y = to_numpy(net(x))
    return {"y": y, "again": to_numpy(net(x)), "n_variables": len(net.trainable_variables),
            "n_weights": len(net.weights)}


untracked_demo_hides_layers.inputs(lambda rng: {"x": batch(rng, 20)})


@untracked_demo_hides_layers.judge
def _(obs, x):
    y = as_array(obs["y"], "`untracked_demo()(x)`")
    expect(obs["n_variables"] == 0 and obs["n_weights"] == 0,
           f"`untracked_demo()`'s model reports {obs['n_variables']} trainable variables; its "
           "layers should sit in a container Keras 3 does not track, so it should report 0.")
    expect(y.shape != x.shape or not np.allclose(y, x),
           "`untracked_demo()`'s model returns its input unchanged; it should compute with its "
           "(untracked) Dense layers.")
    expect_close(obs["again"], y, "A second call of `untracked_demo()`'s model on the same input "
                                  "(the same Dense layers should be used every time, not new ones)")
