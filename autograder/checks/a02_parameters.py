"""Checks of assignment 02: parameter management.

Probes build the models themselves (nested models of drawn sizes, with names the grader chose for
some layers and Keras' auto-numbered names for the others), load grader-drawn values into them
and report raw values: names, paths, shapes, arrays, outputs, gradients. Judges recompute the
expected values in NumPy. Paths are compared part by part: a part the grader named must match
exactly, a part Keras numbered (`dense_12`) only has to be a `dense` name, the same for the same
layer and different for different layers. Initializers are judged by statistics of large
samples, with tolerances of 5 standard errors for the drawn sample size. Random draws in the
probes are seeded from the grading seed, so a grading is reproducible.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.checks import Registry
from autograder.kit.draw import batch, dense_params, relu
from autograder.kit.expect import Fail, as_array, expect, expect_close
from autograder.kit.probe_runtime import shape_of, to_numpy, unique_variables

CHECKS = Registry("02-parameters")
check = CHECKS.check

# ------------------------------------------------------------------------------ shared helpers

def grader_names(rng, stems: tuple) -> list[str]:
    """Layer names the grader sets (never a Keras auto-name such as `dense_3`)."""
    return [f"{stem}{int(rng.integers(100, 1000))}" for stem in stems]


def is_auto_dense(part: str) -> bool:
    """True for a name Keras gives an unnamed Dense layer: `dense` or `dense_<number>`."""
    return part == "dense" or (part.startswith("dense_") and part[6:].isdigit())


def parts_match(got: list[str], pattern: list, autos: dict) -> bool:
    """Whether path parts `got` fit `pattern` (str: exact; int: an auto-numbered Dense layer,
    the same int the same name, recorded in `autos`)."""
    if len(got) != len(pattern):
        return False
    for part, want in zip(got, pattern):
        if isinstance(want, str):
            if part != want:
                return False
        elif not is_auto_dense(part) or autos.setdefault(want, part) != part:
            return False
    return True


def distinct_autos(autos: dict) -> bool:
    """Different auto-numbered layers carry different names."""
    return len(set(autos.values())) == len(autos)


def flat_rows(obs, values_key: str, counts_key: str, what: str) -> list[list]:
    """A list of lists sent flat (`values`) with the length of each row (`counts`)."""
    counts = obs.ints(counts_key, what)
    values = obs.list(values_key, what, length=sum(max(c, 0) for c in counts))
    rows, start = [], 0
    for c in counts:
        rows.append(values[start:start + c])
        start += c
    return rows


# ----------------------------------------------------------------------- q1 layer_params, table

def draw_nested(rng) -> dict:
    inner = [int(w) for w in rng.integers(2, 7, size=int(rng.integers(1, 4)))]
    return {"d_in": int(rng.integers(2, 7)), "first": int(rng.integers(2, 7)), "inner": inner,
            "out": int(rng.integers(2, 7)),
            "names": grader_names(rng, ("net", "block", "norm", "tie"))}


def nested_layout(d_in, first, inner, out, names) -> tuple[list, list]:
    """The grader's nested Sequential: its variables in the order of `net.weights`, and which of
    them each position of `net.layers` holds.

    The model is Input(d_in) -> Dense(first, relu) -> Sequential `block` of Dense(inner[j]) (the
    last without bias) -> BatchNormalization `norm` -> Dense `tie` used twice -> Dense(out).
    A variable is (path parts, short name, shape); an int part is an auto-numbered Dense layer.
    """
    top, block, norm, tie = names
    variables, positions = [], []

    def add(parts: list, leaves: list) -> list[int]:
        start = len(variables)
        variables.extend((parts + [leaf], leaf, shape) for leaf, shape in leaves)
        return list(range(start, len(variables)))

    positions.append(add([top, 0], [("kernel", (d_in, first)), ("bias", (first,))]))
    inside, width = [], first
    for j, w in enumerate(inner):
        leaves = [("kernel", (width, w))] + ([("bias", (w,))] if j < len(inner) - 1 else [])
        inside += add([top, block, j + 1], leaves)
        width = w
    positions.append(inside)
    positions.append(add([top, norm], [(leaf, (width,)) for leaf in ("gamma", "beta", "moving_mean",
                                                                "moving_variance")]))
    shared = add([top, tie], [("kernel", (width, width)), ("bias", (width,))])
    positions += [shared, list(shared)]
    positions.append(add([top, len(inner) + 1], [("kernel", (width, out)), ("bias", (out,))]))
    return variables, positions


def small_pair(rng):
    w1, b1 = dense_params(rng, 4, 3)
    w2, b2 = dense_params(rng, 3, 2)
    return {"w1": w1, "b1": b1, "w2": w2, "b2": b2}


@check("q1", points=1, inputs=small_pair, hidden=False)
def layer_params_small(student, w1, b1, w2, b2):
    """`layer_params(net, 1)` on a 4 -> 3 -> 2 Sequential is [("kernel", W2), ("bias", b2)]."""
    import keras
    net = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3),
                            keras.layers.Dense(2)])
    net.layers[0].set_weights([w1, b1])
    net.layers[1].set_weights([w2, b2])
    got = [tuple(pair) for pair in student.layer_params(net, 1)]
    return {"names": [p[0] if isinstance(p[0], str) else repr(p[0]) for p in got],
            "values": [to_numpy(p[1]) for p in got]}


@layer_params_small.judge
def judge_layer_params_small(obs, w1, b1, w2, b2):
    names = obs.list("names", "The names `layer_params(net, 1)` returned")
    expect(names == ["kernel", "bias"],
           f"`layer_params(net, 1)` returned the names {names}; expected ['kernel', 'bias'] "
           "(the short `.name` of each variable of `net.layers[1]`, in order).")
    values = obs.arrays("values", "The values `layer_params(net, 1)` returned", length=2)
    expect_close(values[0], w2, "The kernel `layer_params(net, 1)` returned")
    expect_close(values[1], b2, "The bias `layer_params(net, 1)` returned")


def nested_with_values(rng):
    spec = draw_nested(rng)
    variables, _ = nested_layout(**spec)
    return dict(spec, values=[rng.normal(size=shape).astype("float32")
                              for _, _, shape in variables])


@check("q1", points=1, inputs=nested_with_values)
def layer_params_nested(student, d_in, first, inner, out, names, values):
    """At every position of a nested model of random sizes (sub-model, layer without bias,
    normalization, shared layer), the names and copied values of that layer's variables."""
    import keras
    layers = keras.layers
    shared = layers.Dense(inner[-1], name=names[3])
    block = keras.Sequential([layers.Dense(w, use_bias=j < len(inner) - 1)
                              for j, w in enumerate(inner)], name=names[1])
    net = keras.Sequential([keras.Input(shape=(d_in,)), layers.Dense(first, activation="relu"),
                            block, layers.BatchNormalization(name=names[2]), shared, shared,
                            layers.Dense(out)], name=names[0])
    for v, value in zip(unique_variables(net.weights), values):
        v.assign(value)
    rows = [[tuple(pair) for pair in student.layer_params(net, i)] for i in range(6)]
    for v in unique_variables(net.weights):     # later changes must not reach the copies
        v.assign(np.zeros(shape_of(v), dtype="float32"))
    return {"counts": [len(row) for row in rows],
            "names": [p[0] if isinstance(p[0], str) else repr(p[0]) for row in rows for p in row],
            "values": [to_numpy(p[1]) for row in rows for p in row]}


@layer_params_nested.judge
def judge_layer_params_nested(obs, d_in, first, inner, out, names, values):
    variables, positions = nested_layout(d_in, first, inner, out, names)
    what = "The lists `layer_params(net, i)` returned"
    got_names = flat_rows(obs, "names", "counts", what)
    expect(len(got_names) == len(positions), f"{what} are malformed.")
    got_values = flat_rows(obs, "values", "counts", what)
    kinds = ("a `Dense` layer", "a `keras.Sequential` inside `net`",
             "a `BatchNormalization` layer", "a layer used at two positions",
             "the second position of a shared layer", "a `Dense` layer")
    for i, (index, kind) in enumerate(zip(positions, kinds)):
        call = f"`layer_params(net, {i})` ({kind})"
        want = [variables[k][1] for k in index]
        expect(got_names[i] == want,
               f"{call} returned {len(got_names[i])} entries named {got_names[i]}; expected one "
               f"entry per variable of `net.layers[{i}]` ({len(want)}), in the order of its "
               "`.weights`, named by the variable's short `.name`.")
        for k, raw in zip(index, got_values[i]):
            arr = as_array(raw, f"The `{variables[k][1]}` value {call} returned", variables[k][2])
            expect(not (np.all(arr == 0) and np.any(values[k] != 0)),
                   f"{call} returned values that changed when the model's variables were "
                   "changed afterwards; return NumPy copies (each variable's `.numpy()`), not "
                   "the variables.")
            expect_close(arr, values[k], f"The `{variables[k][1]}` value {call} returned")


def small_table(rng):
    d_in = int(rng.integers(2, 7))
    return {"x": batch(rng, d_in), "hidden": int(rng.integers(2, 7))}


@check("q1", points=1, inputs=small_table, hidden=False)
def param_table_small(student, x, hidden):
    """`param_table(net)` of a Sequential `tiny` of Dense `hidden` and `output` lists 4 paths and
    shapes."""
    import keras
    net = keras.Sequential([keras.layers.Dense(hidden, name="hidden"),
                            keras.layers.Dense(2, name="output")], name="tiny")
    net(x)
    table = [tuple(row) for row in student.param_table(net)]
    return {"paths": [p if isinstance(p, str) else repr(p) for p, _ in table],
            "shapes": [[int(d) for d in s] for _, s in table]}


@param_table_small.judge
def judge_param_table_small(obs, x, hidden):
    d_in = x.shape[1]
    want = [("tiny/hidden/kernel", (d_in, hidden)), ("tiny/hidden/bias", (hidden,)),
            ("tiny/output/kernel", (hidden, 2)), ("tiny/output/bias", (2,))]
    paths = obs.list("paths", "The paths `param_table(net)` returned")
    shapes = obs.shapes("shapes", "The shapes `param_table(net)` returned")
    got = list(zip(paths, shapes))
    expect(got == want, f"`param_table(net)` returned {got}; expected {want} (the full `.path` "
                        "and the shape of every variable, in the order of `net.weights`).")


def nested_for_table(rng):
    return draw_nested(rng)


@check("q1", points=1, inputs=nested_for_table)
def param_table_nested(student, d_in, first, inner, out, names):
    """On a nested model of random sizes, one (path, shape) per variable, trainable or not, each
    once, in the order of `net.weights`, with paths of the right parts."""
    import keras
    layers = keras.layers
    shared = layers.Dense(inner[-1], name=names[3])
    block = keras.Sequential([layers.Dense(w, use_bias=j < len(inner) - 1)
                              for j, w in enumerate(inner)], name=names[1])
    net = keras.Sequential([keras.Input(shape=(d_in,)), layers.Dense(first, activation="relu"),
                            block, layers.BatchNormalization(name=names[2]), shared, shared,
                            layers.Dense(out)], name=names[0])
    table = [tuple(row) for row in student.param_table(net)]
    return {"paths": [p if isinstance(p, str) else repr(p) for p, _ in table],
            "shapes": [[int(d) for d in s] for _, s in table]}


@param_table_nested.judge
def judge_param_table_nested(obs, d_in, first, inner, out, names):
    variables, _ = nested_layout(d_in, first, inner, out, names)
    paths = obs.list("paths", "The paths `param_table(net)` returned")
    shapes = obs.shapes("shapes", "The shapes `param_table(net)` returned")
    expect(len(paths) == len(shapes), "`param_table(net)` returned malformed rows.")
    expect(len(paths) == len(variables),
           f"`param_table(net)` has {len(paths)} rows; expected one per variable of `net` "
           f"({len(variables)}): trainable and non-trainable ones, each once even when its "
           "layer is used at two positions.")
    autos: dict = {}
    for k, (path, shape, (pattern, leaf, want)) in enumerate(zip(paths, shapes, variables)):
        expect(tuple(shape) == want,
               f"Row {k} of `param_table(net)` has shape {tuple(shape)}; the variable at that "
               f"place in `net.weights` (a `{leaf}`) has shape {want}.")
        parts = path.split("/")
        expect(parts_match(parts, pattern, autos),
               f"Row {k} of `param_table(net)` (a `{leaf}`) has a path of {len(parts)} parts "
               f"ending in `{parts[-1]}`; expected the variable's full `.path`: "
               f"{len(pattern)} parts, from the model's name through each layer's name down to "
               f"`{leaf}`.")
    expect(distinct_autos(autos), "`param_table(net)` gives two different layers the same path.")


# --------------------------------------------------------------------- q2 built-in initializers

def constant_small(rng):
    return {"d_in": int(rng.integers(2, 6)), "units": int(rng.integers(2, 6)),
            "seed": int(rng.integers(0, 2**31 - 1))}


def dense_variables(obs, who: str, d_in: int, units: int) -> tuple[np.ndarray, np.ndarray]:
    """The kernel and bias a probe read from a built Dense(units) layer for width `d_in`."""
    shapes = obs.shapes("shapes", f"The weights of `{who}`")
    expect(sorted(shapes) == sorted([(d_in, units), (units,)]),
           f"`{who}` returned a layer with weights of shapes {shapes}; expected a built "
           f"`Dense({units})` for inputs of width {d_in}: a kernel {(d_in, units)} and a bias "
           f"{(units,)}.")
    values = obs.arrays("values", f"The weights of `{who}`", length=2)
    kernel = values[shapes.index((d_in, units))]
    bias = values[shapes.index((units,))]
    expect(kernel.shape == (d_in, units) and bias.shape == (units,),
           f"The weights of `{who}` are malformed.")
    expect(np.all(bias == 0), f"The bias of `{who}` is not all zeros.")
    return kernel, bias


@check("q2", points=1, inputs=constant_small, hidden=False)
def init_constant_small(student, d_in, units, seed):
    """`init_constant(d_in, units, 0.5)` is a built Dense layer with kernel 0.5 and bias 0."""
    import keras
    keras.utils.set_random_seed(seed)
    layer = student.init_constant(d_in, units, 0.5)
    variables = unique_variables(layer.weights)
    return {"shapes": [shape_of(v) for v in variables], "values": [to_numpy(v) for v in variables]}


@init_constant_small.judge
def judge_init_constant_small(obs, d_in, units, seed):
    who = f"init_constant({d_in}, {units}, 0.5)"
    kernel, _ = dense_variables(obs, who, d_in, units)
    expect(np.all(kernel == 0.5), f"The kernel of `{who}` is not 0.5 everywhere.")


def large_layer(rng):
    return {"d_in": int(rng.integers(150, 260)), "units": int(rng.integers(150, 260)),
            "seed": int(rng.integers(0, 2**31 - 1))}


@check("q2", points=1, inputs=large_layer)
def init_normal_statistics(student, d_in, units, seed):
    """A large `init_normal` kernel has mean 0, standard deviation 0.01 and normal tails; the
    bias is 0."""
    import keras
    keras.utils.set_random_seed(seed)
    layer = student.init_normal(d_in, units)
    variables = unique_variables(layer.weights)
    return {"shapes": [shape_of(v) for v in variables], "values": [to_numpy(v) for v in variables]}


@init_normal_statistics.judge
def judge_init_normal_statistics(obs, d_in, units, seed):
    who = "init_normal(d_in, units)"
    kernel, _ = dense_variables(obs, who, d_in, units)
    n, sigma = kernel.size, 0.01
    mean, std = kernel.mean(), kernel.std()
    # 5 standard errors for n draws: sd of the mean sigma/sqrt(n), of the sd sigma/sqrt(2n).
    expect(abs(mean) <= 5 * sigma / np.sqrt(n),
           f"The kernel of `{who}` has mean {mean:.4f}; expected 0.")
    expect(abs(std - sigma) <= 5 * sigma / np.sqrt(2 * n),
           f"The kernel of `{who}` has standard deviation {std:.4f}; expected 0.01.")
    # A normal distribution puts 4.55 % of its draws beyond 2 sigma (a truncated one none).
    tail, p = np.mean(np.abs(kernel) > 2 * sigma), 0.0455
    expect(abs(tail - p) <= 5 * np.sqrt(p * (1 - p) / n),
           f"{100 * tail:.2f} % of the kernel of `{who}` lies beyond two standard deviations; a "
           "normal distribution puts 4.55 % there (is it truncated or uniform?).")


def constant_value(rng):
    return {"d_in": int(rng.integers(2, 9)), "units": int(rng.integers(2, 9)),
            "value": float(np.round(rng.uniform(-3, 3), 2)), "seed": int(rng.integers(0, 2**31 - 1))}


@check("q2", points=1, inputs=constant_value)
def init_constant_values(student, d_in, units, value, seed):
    """`init_constant(d_in, units, value)` holds exactly `value` in every kernel entry."""
    import keras
    keras.utils.set_random_seed(seed)
    layer = student.init_constant(d_in, units, value)
    variables = unique_variables(layer.weights)
    return {"shapes": [shape_of(v) for v in variables], "values": [to_numpy(v) for v in variables]}


@init_constant_values.judge
def judge_init_constant_values(obs, d_in, units, value, seed):
    who = "init_constant(d_in, units, value)"
    kernel, _ = dense_variables(obs, who, d_in, units)
    expect(np.all(kernel == np.float64(np.float32(value))),
           f"The kernel of `{who}` does not hold `value` in every entry.")


def mixed_sizes(rng):
    d_in = int(rng.integers(120, 200))
    hidden = int(rng.integers(120, 200))
    hidden += hidden == d_in
    return {"d_in": d_in, "hidden": hidden, "units": int(rng.integers(2, 10)),
            "seed": int(rng.integers(0, 2**31 - 1))}


@check("q2", points=1, inputs=mixed_sizes)
def init_mixed_per_layer(student, d_in, hidden, units, seed):
    """`init_mixed`: a large first kernel drawn Glorot-uniform, a second kernel of 42s, zero
    biases."""
    import keras
    keras.utils.set_random_seed(seed)
    net = student.init_mixed(d_in, hidden, units)
    variables = unique_variables(net.weights)
    return {"shapes": [shape_of(v) for v in variables], "values": [to_numpy(v) for v in variables]}


@init_mixed_per_layer.judge
def judge_init_mixed_per_layer(obs, d_in, hidden, units, seed):
    who = "init_mixed(d_in, hidden, units)"
    want = [(d_in, hidden), (hidden,), (hidden, units), (units,)]
    shapes = obs.shapes("shapes", f"The weights of `{who}`")
    expect(shapes == want, f"`{who}` returned a model with weights of shapes {shapes}; expected "
                           f"{want} (Dense(hidden), then Dense(units), built for width d_in).")
    first, first_bias, second, second_bias = obs.arrays("values", f"The weights of `{who}`",
                                                        length=4)
    expect(np.all(first_bias == 0) and np.all(second_bias == 0),
           f"The biases of `{who}` are not all zeros.")
    expect(np.all(second == 42), f"The kernel of the second layer of `{who}` is not 42 everywhere.")
    limit, n = np.sqrt(6 / (d_in + hidden)), first.size
    expect(np.abs(first).max() <= limit * (1 + 1e-6),
           f"The kernel of the first layer of `{who}` has entries beyond the Glorot-uniform limit "
           "sqrt(6 / (fan_in + fan_out)).")
    # n >= 14_400 uniform draws all stay below 0.99 * limit with probability 0.99 ** n < 1e-60.
    expect(np.abs(first).max() >= 0.99 * limit,
           f"The kernel of the first layer of `{who}` does not reach the Glorot-uniform limit.")
    # 5 standard errors: the sd of a uniform(-l, l) sample's sd is l / sqrt(15 n); the share
    # below l / 2 is binomial(n, 1/2).
    std = first.std()
    expect(abs(std - limit / np.sqrt(3)) <= 5 * limit / np.sqrt(15 * n),
           f"The kernel of the first layer of `{who}` has standard deviation {std:.4f}; "
           "Glorot-uniform gives limit / sqrt(3) with limit = sqrt(6 / (fan_in + fan_out)).")
    inner = np.mean(np.abs(first) < limit / 2)
    expect(abs(inner - 0.5) <= 5 * np.sqrt(0.25 / n),
           f"{100 * inner:.1f} % of the first kernel of `{who}` lies within half the limit; a "
           "uniform distribution puts 50 % there.")
    expect(abs(first.mean()) <= 5 * limit / np.sqrt(3 * n),
           f"The kernel of the first layer of `{who}` has mean {first.mean():.4f}; expected 0.")


# ------------------------------------------------------------------------------ q3 MyInit

def myinit_sample(values: np.ndarray, limit: float, threshold: float, who: str,
                  hint: str = "") -> None:
    """Fails unless `values` look like U(-limit, limit) draws with |w| < threshold set to 0."""
    n = values.size
    nonzero = values[values != 0]
    size = np.abs(nonzero)
    expect(size.size > 0, f"`{who}` drew only zeros.")
    expect(size.min() >= threshold * (1 - 1e-6) and size.max() <= limit * (1 + 1e-6),
           f"`{who}` drew non-zero values of absolute value between {size.min():.2f} and "
           f"{size.max():.2f}; expected them between the threshold and the limit{hint}.")
    zeros, p = 1 - nonzero.size / n, threshold / limit
    # 5 standard errors of a binomial share for n draws.
    expect(abs(zeros - p) <= 5 * np.sqrt(p * (1 - p) / n),
           f"{100 * zeros:.1f} % of what `{who}` drew is 0; uniform draws on [-limit, limit] "
           f"put {100 * p:.1f} % below the threshold.")
    # m >= 4_000 uniform draws on [threshold, limit] miss the outer 0.5 % of either end with
    # probability 0.995 ** m < 1e-8.
    margin = 0.005 * (limit - threshold)
    expect(size.min() <= threshold + margin and size.max() >= limit - margin,
           f"The non-zero values `{who}` drew do not fill the whole range from the threshold "
           "to the limit.")
    m = size.size
    positive = np.mean(nonzero > 0)
    expect(abs(positive - 0.5) <= 5 * np.sqrt(0.25 / m),
           f"{100 * positive:.1f} % of the non-zero values `{who}` drew are positive; "
           "expected half (draws symmetric around 0).")
    centre, spread = (threshold + limit) / 2, (limit - threshold) / np.sqrt(12)
    expect(abs(size.mean() - centre) <= 5 * spread / np.sqrt(m),
           f"The non-zero values `{who}` drew are not spread uniformly between the threshold "
           "and the limit.")


def myinit_small(rng):
    return {"rows": int(rng.integers(20, 60)), "cols": int(rng.integers(20, 60)),
            "seed": int(rng.integers(0, 2**31 - 1))}


@check("q3", points=1, inputs=myinit_small, hidden=False)
def myinit_shape_and_support(student, rows, cols, seed):
    """`MyInit()((rows, cols))` has that shape; every entry is 0 or between 5 and 10 in absolute
    value."""
    import keras
    keras.utils.set_random_seed(seed)
    return {"w": to_numpy(student.MyInit()((rows, cols)))}


@myinit_shape_and_support.judge
def judge_myinit_shape_and_support(obs, rows, cols, seed):
    w = obs.array("w", "`MyInit()((rows, cols))`")
    expect(w.shape == (rows, cols),
           f"`MyInit()(({rows}, {cols}))` returned shape {w.shape}; expected {(rows, cols)}.")
    size = np.abs(w[w != 0])
    expect(size.size > 0 and size.size < w.size,
           "`MyInit()` should draw about half zeros and half non-zero values.")
    expect(size.min() >= 5 * (1 - 1e-6) and size.max() <= 10 * (1 + 1e-6),
           f"`MyInit()` drew non-zero values of absolute value between {size.min():.2f} and "
           f"{size.max():.2f}; expected them in [5, 10].")


def myinit_large(rng):
    return {"rows": int(rng.integers(180, 220)), "cols": int(rng.integers(180, 220)),
            "seed": int(rng.integers(0, 2**31 - 1))}


@check("q3", points=1, inputs=myinit_large)
def myinit_statistics(student, rows, cols, seed):
    """A large sample of `MyInit()`: half zeros, the rest uniform in [5, 10] in absolute value,
    symmetric."""
    import keras
    keras.utils.set_random_seed(seed)
    return {"w": to_numpy(student.MyInit()((rows, cols)))}


@myinit_statistics.judge
def judge_myinit_statistics(obs, rows, cols, seed):
    w = obs.array("w", "`MyInit()((rows, cols))`", shape=(rows, cols))
    myinit_sample(w, 10.0, 5.0, "MyInit()")


def myinit_custom(rng):
    limit = float(np.round(rng.uniform(1, 20), 2))
    return {"limit": limit, "threshold": float(np.round(limit * rng.uniform(0.2, 0.8), 2)),
            "rows": int(rng.integers(140, 170)), "cols": int(rng.integers(140, 170)),
            "seed": int(rng.integers(0, 2**31 - 1))}


@check("q3", points=1, inputs=myinit_custom)
def myinit_arguments(student, limit, threshold, rows, cols, seed):
    """`MyInit(limit=..., threshold=...)` with grader-chosen arguments draws what they say."""
    import keras
    keras.utils.set_random_seed(seed)
    init = student.MyInit(limit=limit, threshold=threshold)
    return {"w": to_numpy(init((rows, cols)))}


@myinit_arguments.judge
def judge_myinit_arguments(obs, limit, threshold, rows, cols, seed):
    w = obs.array("w", "`MyInit(limit=..., threshold=...)((rows, cols))`", shape=(rows, cols))
    myinit_sample(w, limit, threshold, "MyInit(limit=..., threshold=...)")


@check("q3", points=1, inputs=myinit_custom)
def myinit_config_roundtrip(student, limit, threshold, rows, cols, seed):
    """`MyInit.from_config(init.get_config())` draws like `init` (grader-chosen arguments)."""
    import keras
    keras.utils.set_random_seed(seed)
    config = student.MyInit(limit=limit, threshold=threshold).get_config()
    clone = student.MyInit.from_config(config)
    return {"w": to_numpy(clone((rows, cols)))}


@myinit_config_roundtrip.judge
def judge_myinit_config_roundtrip(obs, limit, threshold, rows, cols, seed):
    who = "MyInit.from_config(init.get_config())"
    w = obs.array("w", f"`{who}`", shape=(rows, cols))
    myinit_sample(w, limit, threshold, who,
                  " (the dict `get_config` returns should hold `limit` and `threshold`)")


def myinit_layer(rng):
    return {"d_in": int(rng.integers(100, 140)), "units": int(rng.integers(100, 140)),
            "seed": int(rng.integers(0, 2**31 - 1))}


@check("q3", points=1, inputs=myinit_layer)
def myinit_in_dense(student, d_in, units, seed):
    """`Dense(units, kernel_initializer=MyInit())` builds a float32 kernel drawn by `MyInit`."""
    import keras
    keras.utils.set_random_seed(seed)
    layer = keras.layers.Dense(units, kernel_initializer=student.MyInit())
    layer.build((None, d_in))
    return {"kernel": to_numpy(layer.kernel), "dtype": str(to_numpy(layer.kernel).dtype)}


@myinit_in_dense.judge
def judge_myinit_in_dense(obs, d_in, units, seed):
    who = "Dense(units, kernel_initializer=MyInit())"
    expect(obs.str("dtype", f"The kernel's dtype of `{who}`") == "float32",
           f"The kernel of `{who}` is not float32.")
    kernel = obs.array("kernel", f"The kernel of `{who}`", shape=(d_in, units))
    myinit_sample(kernel, 10.0, 5.0, f"{who}")


# ---------------------------------------------------------------------------- q4 bump_kernel

def delta_small(rng):
    return {"delta": float(np.round(rng.uniform(-2, 2), 2)),
            "bias": rng.normal(size=3).astype("float32")}


def bumped(kernel: np.ndarray, delta: float) -> np.ndarray:
    out = np.asarray(kernel, dtype=np.float64) + np.float32(delta)
    out[0, 0] = 42.0
    return out


@check("q4", points=1, inputs=delta_small, hidden=False)
def bump_kernel_small(student, delta, bias):
    """`bump_kernel` on a Dense(3) of width 2 with kernel of ones: ones + delta, 42 at [0, 0]."""
    import keras
    layer = keras.layers.Dense(3, kernel_initializer="ones")
    layer.build((None, 2))
    layer.bias.assign(bias)
    student.bump_kernel(layer, delta)
    return {"kernel": to_numpy(layer.kernel), "bias": to_numpy(layer.bias)}


@bump_kernel_small.judge
def judge_bump_kernel_small(obs, delta, bias):
    expect_close(obs.raw("kernel"), bumped(np.ones((2, 3)), delta),
                 f"`layer.kernel` after `bump_kernel(layer, {delta})` on a kernel of ones (ones "
                 f"+ {delta}, then 42 at row 0, column 0)")
    expect_close(obs.raw("bias"), bias, "`layer.bias` after `bump_kernel` (unchanged)")


def bump_inputs(rng):
    d_in, units = int(rng.integers(2, 8)), int(rng.integers(2, 8))
    w0, b0 = dense_params(rng, d_in + 1, d_in)
    w, b = dense_params(rng, d_in, units)
    return {"x": batch(rng, d_in + 1), "w0": w0, "b0": b0, "w": w, "b": b,
            "delta": float(np.round(rng.uniform(-2, 2), 2))}


@check("q4", points=1, inputs=bump_inputs)
def bump_kernel_in_place(student, x, w0, b0, w, b, delta):
    """The kernel variable object that existed before `bump_kernel` holds the new values; the
    bias is unchanged."""
    import keras
    layer = keras.layers.Dense(w.shape[1])
    layer.build((None, w.shape[0]))
    layer.set_weights([w, b])
    kernel, bias = layer.kernel, layer.bias      # references kept from before the call
    student.bump_kernel(layer, delta)
    return {"kernel": to_numpy(kernel), "bias": to_numpy(bias)}


@bump_kernel_in_place.judge
def judge_bump_kernel_in_place(obs, x, w0, b0, w, b, delta):
    kernel = obs.array("kernel", "The kernel variable after `bump_kernel`")
    expect(kernel.shape == w.shape and not np.allclose(kernel, w),
           "After `bump_kernel(layer, delta)`, the kernel variable the layer had before is "
           "unchanged; change it in place (`assign`) instead of making a new one.")
    expect_close(kernel, bumped(w, delta), "The kernel variable after `bump_kernel(layer, delta)` "
                                           "(kernel + delta, then 42 at row 0, column 0)")
    expect_close(obs.raw("bias"), b, "The bias after `bump_kernel` (it should not change)")


@check("q4", points=1, inputs=bump_inputs)
def bump_kernel_model_sees_it(student, x, w0, b0, w, b, delta):
    """A model that holds the layer computes with the bumped kernel afterwards."""
    import keras
    net = keras.Sequential([keras.Input(shape=(x.shape[1],)), keras.layers.Dense(w0.shape[1]),
                            keras.layers.Dense(w.shape[1])])
    net.layers[0].set_weights([w0, b0])
    net.layers[1].set_weights([w, b])
    net(x)
    student.bump_kernel(net.layers[1], delta)
    return {"y": to_numpy(net(x))}


@bump_kernel_model_sees_it.judge
def judge_bump_kernel_model_sees_it(obs, x, w0, b0, w, b, delta):
    expect_close(obs.raw("y"), (x @ w0 + b0) @ bumped(w, delta) + b,
                 "The output of a model holding the layer after `bump_kernel(net.layers[1], "
                 "delta)`")


# ------------------------------------------------------------------------------ q5 tied_mlp

def tied_forward(x, k1, b1, s1, c1, s2, c2, k3, b3) -> list[np.ndarray]:
    """Pre-activations and output of first -> use 1 -> use 2 -> last, in float64."""
    z1 = x.astype(np.float64) @ k1 + b1
    z2 = relu(z1) @ s1 + c1
    z3 = relu(z2) @ s2 + c2
    return [z1, z2, z3, relu(z3) @ k3 + b3]


def tied_gradients(x, r, k1, b1, s, c, k3, b3) -> tuple[list, list]:
    """Gradients of sum(r * y) for the untied twin: [k1, b1, s1, c1, s2, c2, k3, b3]."""
    z1, z2, z3, _ = tied_forward(x, k1, b1, s, c, s, c, k3, b3)
    dz3 = (r @ k3.T) * (z3 > 0)
    dz2 = (dz3 @ s.T) * (z2 > 0)
    dz1 = (dz2 @ s.T) * (z1 > 0)
    return ([x.T @ dz1, dz1.sum(0), relu(z1).T @ dz2, dz2.sum(0), relu(z2).T @ dz3, dz3.sum(0),
             relu(z3).T @ r, r.sum(0)], [z1, z2, z3])


def tied_shapes(d: int) -> list[tuple]:
    return [(d, 8), (8,), (8, 8), (8,), (8, 1), (1,)]


def judge_tied_shapes(obs, d: int) -> None:
    shapes = obs.shapes("shapes", "The trainable variables of `tied_mlp()`")
    want = tied_shapes(d)
    expect(shapes == want,
           f"After a call on inputs of width {d}, `tied_mlp()` has trainable variables of "
           f"shapes {shapes}; expected {want} (first, shared, last layer: the shared layer's "
           "variables once).")


def tied_width(rng):
    d = int(rng.integers(3, 12))
    return {"x": batch(rng, d + (d == 8))}


@check("q5", points=1, inputs=tied_width, hidden=False)
def tied_mlp_structure(student, x):
    """`tied_mlp()(x)` has shape (batch, 1) and six trainable variables in the stated order."""
    net = student.tied_mlp()
    y = net(x)
    return {"shape": shape_of(y),
            "shapes": [shape_of(v) for v in unique_variables(net.trainable_variables)]}


@tied_mlp_structure.judge
def judge_tied_mlp_structure(obs, x):
    got = obs.shape("shape", "The output of `tied_mlp()(x)`")
    expect(got == (x.shape[0], 1),
           f"`tied_mlp()(x)` returned shape {got} for x of shape {x.shape}; expected "
           f"{(x.shape[0], 1)}.")
    judge_tied_shapes(obs, x.shape[1])


def tied_weights(rng):
    d = int(rng.integers(3, 12))
    d += d == 8
    k1, b1 = dense_params(rng, d, 8)
    s, c = dense_params(rng, 8, 8)
    k3, b3 = dense_params(rng, 8, 1)
    return {"x": batch(rng, d, rows=(4, 9)), "weights": [k1, b1, s, c, k3, b3],
            "change": rng.normal(0, 0.5, size=(8, 8)).astype("float32"),
            "r": rng.normal(size=(1, 1)).astype("float32")}


@check("q5", points=1, inputs=tied_weights)
def tied_mlp_shares_variables(student, x, weights, change, r):
    """With known weights loaded, a change to the shared kernel reaches both uses of the shared
    layer."""
    net = student.tied_mlp()
    net(x)
    variables = unique_variables(net.trainable_variables)
    shapes = [shape_of(v) for v in variables]
    if shapes != [list(w.shape) for w in weights]:
        return {"shapes": shapes}
    for v, w in zip(variables, weights):
        v.assign(w)
    before = to_numpy(net(x))
    variables[2].assign(weights[2] + change)
    return {"shapes": shapes, "before": before, "after": to_numpy(net(x))}


@tied_mlp_shares_variables.judge
def judge_tied_mlp_shares_variables(obs, x, weights, change, r):
    judge_tied_shapes(obs, x.shape[1])
    k1, b1, s, c, k3, b3 = weights
    expect_close(obs.raw("before"), tied_forward(x, k1, b1, s, c, s, c, k3, b3)[-1],
                 "The output of `tied_mlp()` with known weights loaded into its six variables "
                 "(both middle uses should compute with the shared kernel and bias)")
    after = obs.array("after", "The output of `tied_mlp()` after the shared kernel changed")
    new = s + change
    want = tied_forward(x, k1, b1, new, c, new, c, k3, b3)[-1]
    if after.shape == want.shape and np.allclose(after, want, rtol=1e-4, atol=1e-5):
        return
    for one in (tied_forward(x, k1, b1, new, c, s, c, k3, b3)[-1],
                tied_forward(x, k1, b1, s, c, new, c, k3, b3)[-1]):
        expect(not (after.shape == one.shape and np.allclose(after, one, rtol=1e-4, atol=1e-5)),
               "After the grader changed the shared kernel of `tied_mlp()`, only one of the two "
               "middle uses computed with the new values; both uses must be the same layer.")
    raise Fail("After the grader changed the shared kernel of `tied_mlp()`, the output differs "
               "from both middle uses computing with the new kernel.")


@check("q5", points=1, inputs=tied_weights)
def tied_mlp_gradient_is_sum(student, x, weights, change, r):
    """The gradient of the shared kernel is the sum of the gradients its two uses would get as
    separate layers."""
    import tensorflow as tf
    net = student.tied_mlp()
    net(x)
    variables = unique_variables(net.trainable_variables)
    shapes = [shape_of(v) for v in variables]
    if shapes != [list(w.shape) for w in weights]:
        return {"shapes": shapes}
    for v, w in zip(variables, weights):
        v.assign(w)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(net(x) * r)
    grads = tape.gradient(loss, variables)
    return {"shapes": shapes, "grads": [None if g is None else to_numpy(g) for g in grads]}


@tied_mlp_gradient_is_sum.judge
def judge_tied_mlp_gradient_is_sum(obs, x, weights, change, r):
    judge_tied_shapes(obs, x.shape[1])
    k1, b1, s, c, k3, b3 = weights
    untied, _ = tied_gradients(x, np.broadcast_to(r, (x.shape[0], 1)).astype(np.float64),
                               k1, b1, s, c, k3, b3)
    want = [untied[0], untied[1], untied[2] + untied[4], untied[3] + untied[5], untied[6],
            untied[7]]
    grads = obs.arrays("grads", "The gradients of `tied_mlp()`'s variables", length=6,
                       allow_none=True)
    names = ("first kernel", "first bias", "shared kernel", "shared bias", "last kernel",
             "last bias")
    for name, got in zip(names, grads):
        expect(got is not None, f"No gradient reaches the {name} of `tied_mlp()`.")
    shared = grads[2]
    for one in (untied[2], untied[4]):
        expect(not (shared.shape == one.shape and np.allclose(shared, one, rtol=1e-4, atol=1e-5)),
               "The gradient of `tied_mlp()`'s shared kernel comes from only one of its two "
               "uses; a tied kernel gets the sum of both uses' gradients.")
    for name, got, expected in zip(names, grads, want):
        why = " (the sum over both uses of the shared layer)" if "shared" in name else ""
        expect_close(got, expected, f"The gradient of the {name} of `tied_mlp()`{why}")


# ---------------------------------------------------------------------- q6 nested_param_paths

def flatten_tree(tree, what: str, prefix: tuple = ()) -> list[tuple]:
    """(keys from the root, shape) for every leaf of a nested dict, in key order."""
    expect(isinstance(tree, dict) and len(tree) > 0,
           f"{what} is not a nested dict of shapes (an empty or non-dict node).")
    rows = []
    for key, node in tree.items():
        if isinstance(node, dict):
            rows += flatten_tree(node, what, prefix + (key,))
        else:
            expect(isinstance(node, list) and all(isinstance(d, int) and not isinstance(d, bool)
                                                  for d in node),
                   f"{what} has a leaf at `{'/'.join(prefix + (key,))}` that is not a shape.")
            rows.append((prefix + (key,), tuple(node)))
    return rows


def judge_tree(obs, want: list, what: str, public: bool) -> None:
    """The student's tree against `want`: (parts pattern, shape) in order of `net.weights`;
    only a public check's messages show the keys (a hidden model's names are the grader's)."""
    rows = flatten_tree(obs.raw("tree"), what)
    expect(len(rows) == len(want),
           f"{what} has {len(rows)} leaves; expected one per variable of `net` ({len(want)}).")
    autos: dict = {}
    for k, ((keys, shape), (pattern, want_shape)) in enumerate(zip(rows, want)):
        last = keys[-1].rsplit("/", 1)[-1]
        where = f"`{'/'.join(keys)}`" if public else f"depth {len(keys)}, ending in `{last}`"
        expect(parts_match(list(keys), pattern, autos),
               f"Leaf {k} of {what} sits at {where}; expected the path of variable {k} of "
               f"`net.weights` below `net` ({len(pattern)} keys, the last `{pattern[-1]}`).")
        expect(shape == want_shape,
               f"Leaf {k} of {what} holds the shape {shape}; variable {k} of `net.weights` has "
               f"shape {want_shape}.")
    expect(distinct_autos(autos), f"{what} puts two different layers under the same key.")


def tree_small(rng):
    return {"x": batch(rng, int(rng.integers(2, 7)))}


@check("q6", points=1, inputs=tree_small, hidden=False)
def nested_paths_small(student, x):
    """A model `outer` holding a Sequential `block` (Dense `a`, `b`) and a Dense `head` gives the
    tree block/a, block/b, head."""
    import keras

    class Nest(keras.Model):
        def __init__(self, block, head, **kwargs):
            super().__init__(**kwargs)
            self.block, self.head = block, head

        def call(self, x):
            return self.head(self.block(x))

    block = keras.Sequential([keras.layers.Dense(4, name="a"), keras.layers.Dense(3, name="b")],
                             name="block")
    net = Nest(block, keras.layers.Dense(2, name="head"), name="outer")
    net(x)

    def plain(node):
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        return [int(d) for d in node]

    return {"tree": plain(student.nested_param_paths(net))}


@nested_paths_small.judge
def judge_nested_paths_small(obs, x):
    d_in = x.shape[1]
    want = [(["block", "a", "kernel"], (d_in, 4)), (["block", "a", "bias"], (4,)),
            (["block", "b", "kernel"], (4, 3)), (["block", "b", "bias"], (3,)),
            (["head", "kernel"], (3, 2)), (["head", "bias"], (2,))]
    judge_tree(obs, want, "`nested_param_paths(net)`", public=True)


def tree_random(rng):
    return {"d_in": int(rng.integers(2, 7)),
            "widths": [int(w) for w in rng.integers(2, 7, size=int(rng.integers(1, 3)))],
            "deep": [int(w) for w in rng.integers(2, 7, size=int(rng.integers(0, 3)))],
            "head": int(rng.integers(2, 7)), "head_bias": bool(rng.integers(0, 2)),
            "names": grader_names(rng, ("outer", "trunk", "deep", "head"))}


def tree_layout(d_in, widths, deep, head, head_bias, names) -> list:
    """(parts pattern, shape) of the grader's nested model's variables, in order."""
    top, trunk, inner, last = names
    want, width = [], d_in
    for j, w in enumerate(widths + deep):
        owner = [trunk, j] if j < len(widths) else [trunk, inner, j]
        want += [(owner + ["kernel"], (width, w)), (owner + ["bias"], (w,))]
        width = w
    want.append(([last, "kernel"], (width, head)))
    if head_bias:
        want.append(([last, "bias"], (head,)))
    return want


@check("q6", points=1, inputs=tree_random)
def nested_paths_random(student, d_in, widths, deep, head, head_bias, names):
    """On a nested model of random depth and sizes, the tree of paths below `net` with the shapes
    at its leaves."""
    import keras

    class Nest(keras.Model):
        def __init__(self, trunk, head, **kwargs):
            super().__init__(**kwargs)
            self.trunk, self.head = trunk, head

        def call(self, x):
            return self.head(self.trunk(x))

    layers = [keras.layers.Dense(w) for w in widths]
    if deep:
        layers.append(keras.Sequential([keras.layers.Dense(w) for w in deep], name=names[2]))
    net = Nest(keras.Sequential(layers, name=names[1]),
               keras.layers.Dense(head, use_bias=head_bias, name=names[3]), name=names[0])
    net(np.zeros((2, d_in), dtype="float32"))

    def plain(node):
        if isinstance(node, dict):
            return {str(k): plain(v) for k, v in node.items()}
        return [int(d) for d in node]

    return {"tree": plain(student.nested_param_paths(net))}


@nested_paths_random.judge
def judge_nested_paths_random(obs, d_in, widths, deep, head, head_bias, names):
    judge_tree(obs, tree_layout(d_in, widths, deep, head, head_bias, names),
               "`nested_param_paths(net)`", public=False)


# ------------------------------------------------------------------------------ q7 train_tied

def train_logs(obs, steps: int) -> tuple[np.ndarray, list, list]:
    """The loss, kernels and gradients `train_tied(steps)` logged, checked for their layout."""
    keys = obs.list("keys", "The keys of `train_tied(steps)`'s logs")
    expect(keys == ["grads", "kernels", "loss"],
           f"`train_tied(steps)` returned a dict with keys {keys}; expected exactly 'loss', "
           "'kernels' and 'grads'.")
    loss = obs.array("loss", "`logs['loss']`")
    expect(loss.shape == (steps,),
           f"`train_tied({steps})` logged {loss.size} losses; expected {steps}, one per "
           "iteration.")
    logged, want = [], [(20, 8), (8, 8), (8, 8), (8, 1)]
    for key in ("kernels", "grads"):
        rows = flat_rows(obs, key, f"{key}_counts", f"`logs['{key}']`")
        expect(len(rows) == steps and all(len(row) == 4 for row in rows),
               f"`logs['{key}']` of `train_tied({steps})` should hold {steps} lists (one per "
               "iteration) of 4 arrays (one per layer position).")
        arrays = []
        for t, row in enumerate(rows):
            shapes = [tuple(np.shape(a)) for a in row]
            expect(shapes == want,
                   f"`logs['{key}'][{t}]` of `train_tied({steps})` holds arrays of shapes "
                   f"{shapes}; expected {want} (positions 0 to 3).")
            arrays.append([as_array(a, f"`logs['{key}'][{t}][{p}]`") for p, a in enumerate(row)])
        logged.append(arrays)
    return loss, logged[0], logged[1]


def train_steps(rng):
    return {"steps": int(rng.integers(2, 4)), "seed": int(rng.integers(0, 2**31 - 1))}


def train_steps_long(rng):
    return {"steps": int(rng.integers(3, 6)), "seed": int(rng.integers(0, 2**31 - 1))}


@check("q7", points=1, inputs=train_steps, hidden=False)
def train_tied_layout(student, steps, seed):
    """`train_tied(steps)` returns 'loss', 'kernels' and 'grads' with one entry per iteration and
    4 arrays per entry."""
    import keras
    keras.utils.set_random_seed(seed)
    logs = student.train_tied(steps)
    kernels = [list(row) for row in logs.get("kernels", [])]
    grads = [list(row) for row in logs.get("grads", [])]
    return {"keys": sorted(str(k) for k in logs),
            "loss": np.array([float(v) for v in logs.get("loss", [])]),
            "kernels": [to_numpy(a) for row in kernels for a in row],
            "kernels_counts": [len(row) for row in kernels],
            "grads": [to_numpy(a) for row in grads for a in row],
            "grads_counts": [len(row) for row in grads]}


@train_tied_layout.judge
def judge_train_tied_layout(obs, steps, seed):
    train_logs(obs, steps)


@check("q7", points=1, inputs=train_steps_long)
def train_tied_positions_identical(student, steps, seed):
    """Positions 1 and 2 (the shared layer) log identical kernels and gradients at every
    iteration."""
    import keras
    keras.utils.set_random_seed(seed)
    logs = student.train_tied(steps)
    kernels = [list(row) for row in logs.get("kernels", [])]
    grads = [list(row) for row in logs.get("grads", [])]
    return {"keys": sorted(str(k) for k in logs),
            "loss": np.array([float(v) for v in logs.get("loss", [])]),
            "kernels": [to_numpy(a) for row in kernels for a in row],
            "kernels_counts": [len(row) for row in kernels],
            "grads": [to_numpy(a) for row in grads for a in row],
            "grads_counts": [len(row) for row in grads]}


@train_tied_positions_identical.judge
def judge_train_tied_positions_identical(obs, steps, seed):
    _, kernels, grads = train_logs(obs, steps)
    for t in range(steps):
        expect(np.array_equal(kernels[t][1], kernels[t][2]),
               f"At iteration {t}, `train_tied` logged different kernels at positions 1 and 2; "
               "both should be the one shared layer's kernel.")
        expect(np.array_equal(grads[t][1], grads[t][2]),
               f"At iteration {t}, `train_tied` logged different gradients at positions 1 and 2; "
               "both should be the gradient of the one shared kernel.")


@check("q7", points=1, inputs=train_steps_long)
def train_tied_sgd_steps(student, steps, seed):
    """Each logged update is an SGD step: kernels[t + 1] = kernels[t] - 0.05 * grads[t]."""
    import keras
    keras.utils.set_random_seed(seed)
    logs = student.train_tied(steps)
    kernels = [list(row) for row in logs.get("kernels", [])]
    grads = [list(row) for row in logs.get("grads", [])]
    return {"keys": sorted(str(k) for k in logs),
            "loss": np.array([float(v) for v in logs.get("loss", [])]),
            "kernels": [to_numpy(a) for row in kernels for a in row],
            "kernels_counts": [len(row) for row in kernels],
            "grads": [to_numpy(a) for row in grads for a in row],
            "grads_counts": [len(row) for row in grads]}


@train_tied_sgd_steps.judge
def judge_train_tied_sgd_steps(obs, steps, seed):
    _, kernels, grads = train_logs(obs, steps)
    expect(any(np.any(g != 0) for row in grads for g in row),
           "`train_tied` logged only zero gradients.")
    for t in range(steps - 1):
        for p in range(4):
            expect_close(kernels[t + 1][p], kernels[t][p] - 0.05 * grads[t][p],
                         f"`logs['kernels'][{t + 1}][{p}]` of `train_tied` (the kernel before "
                         f"iteration {t} minus 0.05 times the gradient logged at iteration {t})")


CHECKS.validate()
