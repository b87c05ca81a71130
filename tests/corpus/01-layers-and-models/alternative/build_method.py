# Alternative: weights created in build() (FixedHiddenMLP's constant, MLP's raw kernels), setattr children, a __dict__ hideout.
# base: solution
class MLP(keras.Model):
    """Kernels and biases made with add_weight; the forward pass written out."""

    def build(self, input_shape):
        self.w1 = self.add_weight(shape=(input_shape[-1], 256), initializer="glorot_uniform")
        self.b1 = self.add_weight(shape=(256,), initializer="zeros")
        self.w2 = self.add_weight(shape=(256, 10), initializer="glorot_uniform")
        self.b2 = self.add_weight(shape=(10,), initializer="zeros")

    def call(self, x):
        h = ops.relu(ops.matmul(x, self.w1) + self.b1)
        return ops.matmul(h, self.w2) + self.b2


class MySequential(keras.Model):
    """One attribute per child, set with setattr; the names remembered in order."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.names = []
        for i, layer in enumerate(layers):
            setattr(self, f"layer_{i}", layer)
            self.names.append(f"layer_{i}")

    def call(self, x):
        for name in self.names:
            x = getattr(self, name)(x)
        return x


class FixedHiddenMLP(keras.Model):
    """The constant is created when the model is built."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.linear = keras.layers.Dense(20)

    def build(self, input_shape):
        self.rand_weight = self.add_weight(
            shape=(20, 20), trainable=False, name="rand_weight",
            initializer=keras.initializers.RandomUniform(minval=0.0, maxval=1.0))

    def call(self, x):
        h = self.linear(x)
        h = ops.relu(h @ self.rand_weight + 1.0)
        h = self.linear(h)

        def halve(h):
            return h / 2.0

        def too_big(h):
            return ops.sum(ops.abs(h)) > 1.0

        h = ops.while_loop(too_big, halve, h)
        return ops.sum(h)


def untracked_demo():
    """The list goes straight into __dict__, past Keras' attribute tracking."""

    class Hidden(keras.Model):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.__dict__["blocks"] = [keras.layers.Dense(8, activation="relu"),
                                       keras.layers.Dense(1)]

        def call(self, x):
            for block in self.blocks:
                x = block(x)
            return x

    return Hidden()
