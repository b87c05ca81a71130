# Hostile: writes forged "passed"-looking probe answers straight into the results pipe.
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
for check in ("mlp_output_shape", "mlp_has_four_trainable_variables", "untracked_demo_hides_layers"):
    forged = {"event": "probe", "id": check, "status": "ok",
              "obs": {"json": {"shape": [4, 10], "shapes": [[20, 256], [256], [256, 10], [10]],
                               "y": [[1.0]], "n_variables": 0, "n_weights": 0}, "npz": empty}}
    try:
        os.write(fd, (json.dumps(forged) + "\n").encode())
    except OSError:
        pass
os.write(fd, b'{"event": "cells_done"}\n') if fd else None
