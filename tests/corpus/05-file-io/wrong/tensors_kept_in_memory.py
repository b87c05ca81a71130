# Wrong: save_tensors keeps the object in a dict in memory (and writes only a marker file); nothing is on disk for another process.
# base: solution
# loses: tensors_round_trip_fresh, tensors_saved_without_pickle
SAVED = {}


def save_tensors(path, obj):
    SAVED[os.path.basename(path)] = obj
    with open(os.path.join(path, "saved.json"), "w") as f:
        json.dump({"name": os.path.basename(path)}, f)


def load_tensors(path):
    obj = SAVED[os.path.basename(path)]
    if isinstance(obj, dict):
        return {k: ops.convert_to_numpy(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [ops.convert_to_numpy(v) for v in obj]
    return ops.convert_to_numpy(obj)
