# Alternative: tf.* ops instead of keras.ops (tf.nn.relu, tf.while_loop, tf.concat) and a keras.Variable constant.
# base: solution
import functools


class MLP(keras.Model):
    """ReLU applied by hand with tf.nn.relu."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = keras.layers.Dense(256)
        self.out = keras.layers.Dense(10)

    def call(self, x):
        return self.out(tf.nn.relu(self.hidden(x)))


class MySequential(keras.Model):
    """A tuple of children folded over the input."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.blocks = layers

    def call(self, x):
        return functools.reduce(lambda h, layer: layer(h), self.blocks, x)


class FixedHiddenMLP(keras.Model):
    """tf.while_loop for the halving; the constant is a keras.Variable attribute."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rand_weight = keras.Variable(tf.random.uniform((20, 20)), trainable=False,
                                          name="rand_weight")
        self.linear = keras.layers.Dense(20)

    def call(self, x):
        h = self.linear(x)
        h = tf.nn.relu(tf.matmul(h, self.rand_weight) + 1.0)
        h = self.linear(h)
        (h,) = tf.while_loop(lambda h: tf.reduce_sum(tf.abs(h)) > 1.0, lambda h: (h / 2.0,), (h,))
        return tf.reduce_sum(h)


class Parallel(keras.Model):
    def __init__(self, net1, net2, **kwargs):
        super().__init__(**kwargs)
        self.branches = [net1, net2]

    def call(self, x):
        return tf.concat([branch(x) for branch in self.branches], axis=1)


def stack(factory, n):
    model = keras.Sequential()
    for _ in range(n):
        model.add(factory())
    return model
