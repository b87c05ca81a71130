# Wrong: save_tensors wraps the object in a 0-d object array, which np.save can only pickle; load_tensors needs allow_pickle=True.
# base: solution
# loses: tensors_saved_without_pickle
def save_tensors(path, obj):
    if isinstance(obj, dict):
        payload = {k: ops.convert_to_numpy(v) for k, v in obj.items()}
    elif isinstance(obj, list):
        payload = [ops.convert_to_numpy(v) for v in obj]
    else:
        payload = ops.convert_to_numpy(obj)
    holder = np.empty((), dtype=object)
    holder[()] = payload
    np.save(os.path.join(path, "tensors.npy"), holder, allow_pickle=True)


def load_tensors(path):
    return np.load(os.path.join(path, "tensors.npy"), allow_pickle=True)[()]
