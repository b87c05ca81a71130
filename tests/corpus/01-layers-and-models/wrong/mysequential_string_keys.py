# Wrong: MySequential keeps its children in a dict keyed "0", "1", ... and applies them in sorted key order, which puts "10" before "2".
# base: solution
# loses: mysequential_any_length
class MySequential(keras.Model):
    """Right for up to ten layers; the order breaks at eleven."""

    def __init__(self, *layers, **kwargs):
        super().__init__(**kwargs)
        self.blocks = {str(i): layer for i, layer in enumerate(layers)}

    def call(self, x):
        for key in sorted(self.blocks):
            x = self.blocks[key](x)
        return x
