# Wrong: every tensor is stored as float32, so int and float64 tensors come back cast.
# base: solution
# loses: tensors_round_trip_fresh, tensors_saved_without_pickle
def save_tensors(path, obj):
    if isinstance(obj, dict):
        kind, keys, values = "dict", [str(k) for k in obj], list(obj.values())
    elif isinstance(obj, list):
        kind, keys, values = "list", [f"item_{i}" for i in range(len(obj))], list(obj)
    else:
        kind, keys, values = "tensor", ["tensor"], [obj]
    np.savez(os.path.join(path, "tensors.npz"),
             **{f"a{i}": np.asarray(v, dtype="float32") for i, v in enumerate(values)})
    with open(os.path.join(path, "layout.json"), "w") as f:
        json.dump({"kind": kind, "keys": keys}, f)
