# Wrong: untracked_demo makes new Dense layers inside every call, so each call uses new weights.
# base: solution
# loses: untracked_demo_hides_layers


def untracked_demo():
    class Forgetful(keras.Model):
        def call(self, x):
            hidden = keras.layers.Dense(8, activation="relu")(x)
            return keras.layers.Dense(1)(hidden)

    return Forgetful()
