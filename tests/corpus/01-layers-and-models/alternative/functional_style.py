# Alternative: functional-API MLP inside a Model subclass, Sequential.add, and layers hidden in a closure.
# base: solution
class MLP(keras.Model):
    """A functional graph built in __init__ and handed to keras.Model."""

    def __init__(self, **kwargs):
        inputs = keras.Input(shape=(20,))
        hidden = keras.layers.Dense(256, activation="relu")(inputs)
        outputs = keras.layers.Dense(10)(hidden)
        super().__init__(inputs=inputs, outputs=outputs, **kwargs)


class NestMLP(keras.Model):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.block = keras.Sequential()
        self.block.add(keras.layers.Dense(64, activation="relu"))
        self.block.add(keras.layers.Dense(32, activation="relu"))
        self.head = keras.layers.Dense(16)

    def call(self, x):
        return self.head(self.block(x))


def chimera():
    model = keras.Sequential()
    model.add(keras.Input(shape=(20,)))
    model.add(NestMLP())
    model.add(keras.layers.Dense(20))
    model.add(FixedHiddenMLP())
    return model


def untracked_demo():
    """The Dense layers live in the enclosing function, not on the model."""
    first = keras.layers.Dense(8, activation="relu")
    second = keras.layers.Dense(1)

    class Hidden(keras.Model):
        def call(self, x):
            return second(first(x))

    return Hidden()
