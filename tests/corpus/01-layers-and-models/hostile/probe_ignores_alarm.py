# Hostile: an MLP whose constructor never returns and swallows the probe's time-limit alarm.
# base: solution
# status: timed out
# reason: ran out of time during the check `mlp_output_shape`
import time


class MLP(keras.Model):
    def __init__(self, **kwargs):
        while True:
            try:
                time.sleep(1)
            except BaseException:
                continue
