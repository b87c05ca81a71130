# Hostile: writes forged passing observations for every check of this assignment into the results pipe.
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
checks = ("lazy_mlp_unbuilt_then_sized", "lazylinear_builds_on_first_call",
          "materialize_sequential_report", "eager_mlp_built_at_construction",
          "call_mismatched_propagates", "anywidth_accepts_each_width")
for check in checks:
    forged = {"event": "probe", "id": check, "status": "ok",
              "obs": {"json": {"before": [], "after": [[20, 256], [256], [256, 10], [10]],
                               "shape": [2, 10], "raised": ["ValueError"], "message": "0",
                               "seen": [6], "report": [], "actual": [], "shapes": []},
                      "npz": empty}}
    try:
        os.write(fd, (json.dumps(forged) + "\n").encode())
    except OSError:
        pass
