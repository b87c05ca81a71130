# Alternative: tensors in an HDF5 file written with h5py (datasets, the kind and keys as attributes) instead of np.savez.
# base: solution
import h5py


def save_tensors(path, obj):
    with h5py.File(os.path.join(path, "tensors.h5"), "w") as f:
        if isinstance(obj, dict):
            f.attrs["kind"] = "dict"
            group = f.create_group("entries")
            for key, value in obj.items():
                group.create_dataset(key, data=ops.convert_to_numpy(value))
        elif isinstance(obj, list):
            f.attrs["kind"] = "list"
            f.attrs["length"] = len(obj)
            for i, value in enumerate(obj):
                f.create_dataset(f"item_{i:05d}", data=ops.convert_to_numpy(value))
        else:
            f.attrs["kind"] = "tensor"
            f.create_dataset("tensor", data=ops.convert_to_numpy(obj))


def load_tensors(path):
    with h5py.File(os.path.join(path, "tensors.h5"), "r") as f:
        kind = f.attrs["kind"]
        if kind == "dict":
            return {key: f["entries"][key][()] for key in f["entries"]}
        if kind == "list":
            return [f[f"item_{i:05d}"][()] for i in range(int(f.attrs["length"]))]
        return f["tensor"][()]
