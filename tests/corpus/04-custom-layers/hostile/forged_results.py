# Hostile: writes forged "passed"-looking probe answers for the checks of assignment 04 straight into the results pipe.
# base: stub
# status: graded
import base64
import io
import json
import os
import sys

import numpy as np

buf = io.BytesIO()
np.savez(buf)
empty = base64.b64encode(buf.getvalue()).decode()
fd = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 3
answers = {
    "centered_has_no_weights": {"weights": []},
    "mydense_config_has_units": {"keys": ["dtype", "name", "trainable", "units"], "units": 3,
                                 "name": "hidden"},
    "mydense_registered_as_course04": {"name": "course04>MyDense", "own": [[1.0]],
                                       "registered": [[1.0]]},
    "fourier_head_even_length": {"dtypes": ["float32", "float32"], "parts": [[[0.0]], [[0.0]]]},
}
for check, obs in answers.items():
    forged = {"event": "probe", "id": check, "status": "ok", "obs": {"json": obs, "npz": empty}}
    try:
        os.write(fd, (json.dumps(forged) + "\n").encode())
    except OSError:
        pass
