# Hostile: save_tensors writes its arrays outside its folder and leaves only symbolic links there (and one to /etc/passwd), hoping the grader follows them.
# base: stub
# status: graded
import os
import tempfile


def save_tensors(path, obj):
    elsewhere = tempfile.mkdtemp()
    values = list(obj.values()) if isinstance(obj, dict) else list(obj) if isinstance(obj, list) else [obj]
    np.savez(os.path.join(elsewhere, "tensors.npz"), *[ops.convert_to_numpy(v) for v in values])
    os.symlink(os.path.join(elsewhere, "tensors.npz"), os.path.join(path, "tensors.npz"))
    os.symlink("/etc/passwd", os.path.join(path, "passwd.json"))
