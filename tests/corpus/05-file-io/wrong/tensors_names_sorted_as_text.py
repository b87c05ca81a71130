# Wrong: a list saved positionally (arr_0, arr_1, ...) is rebuilt by sorting the names as text, so arr_10 comes before arr_2.
# base: solution
# loses: tensors_round_trip_fresh
def save_tensors(path, obj):
    if isinstance(obj, dict):
        np.savez(os.path.join(path, "dict.npz"), **{k: ops.convert_to_numpy(v) for k, v in obj.items()})
    elif isinstance(obj, list):
        np.savez(os.path.join(path, "list.npz"), *[ops.convert_to_numpy(v) for v in obj])
    else:
        np.save(os.path.join(path, "tensor.npy"), ops.convert_to_numpy(obj))


def load_tensors(path):
    if os.path.exists(os.path.join(path, "tensor.npy")):
        return np.load(os.path.join(path, "tensor.npy"), allow_pickle=False)
    if os.path.exists(os.path.join(path, "list.npz")):
        with np.load(os.path.join(path, "list.npz"), allow_pickle=False) as f:
            return [f[name] for name in sorted(f.files)]
    with np.load(os.path.join(path, "dict.npz"), allow_pickle=False) as f:
        return {name: f[name] for name in f.files}
