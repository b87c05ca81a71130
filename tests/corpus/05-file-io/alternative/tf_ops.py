# Alternative: tf.* ops instead of keras.ops (tf.matmul, tf.clip_by_value), variables copied with assign, one .npy file per tensor plus a JSON index.
# base: solution
def save_tensors(path, obj):
    if isinstance(obj, dict):
        index = {"kind": "dict", "files": {k: f"t{i}.npy" for i, k in enumerate(obj)}}
        values = {index["files"][k]: v for k, v in obj.items()}
    elif isinstance(obj, list):
        index = {"kind": "list", "files": [f"t{i}.npy" for i in range(len(obj))]}
        values = dict(zip(index["files"], obj))
    else:
        index = {"kind": "tensor", "files": "t.npy"}
        values = {"t.npy": obj}
    for name, value in values.items():
        np.save(os.path.join(path, name), tf.convert_to_tensor(value).numpy())
    with open(os.path.join(path, "index.json"), "w") as f:
        json.dump(index, f)


def load_tensors(path):
    with open(os.path.join(path, "index.json")) as f:
        index = json.load(f)

    def read(name):
        return tf.convert_to_tensor(np.load(os.path.join(path, name), allow_pickle=False))

    if index["kind"] == "dict":
        return {k: read(name) for k, name in index["files"].items()}
    if index["kind"] == "list":
        return [read(name) for name in index["files"]]
    return read(index["files"])


@keras.saving.register_keras_serializable(package="a05")
class ClippedDense(keras.layers.Layer):
    def __init__(self, units, limit=1.0, **kwargs):
        super().__init__(**kwargs)
        self.units, self.limit = units, limit

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="zeros", name="bias")

    def call(self, x):
        return tf.clip_by_value(tf.matmul(x, self.kernel) + self.bias, -self.limit, self.limit)

    def get_config(self):
        config = super().get_config()
        config.update(units=self.units, limit=self.limit)
        return config


def transfer_head(old, new):
    for source, target in zip(old.layers[:2], new.layers[:2]):
        for a, b in zip(source.weights, target.weights):
            b.assign(tf.identity(a))
    return new
