# Hostile: an MLP whose constructor ends the process, so the kernel dies inside the first probe.
# base: solution
# status: kernel died
# reason: the notebook's process ended during the check `mlp_output_shape`
import os


class MLP(keras.Model):
    def __init__(self, **kwargs):
        os._exit(3)
