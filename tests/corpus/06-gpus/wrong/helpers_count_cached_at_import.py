# Wrong: the number of GPUs is read once, when the cell runs, and kept in a global; num_gpus (and pick_device, which uses it) never see a GPU that appears later.
# base: solution
# loses: device_helpers_simulated, pick_device_simulated
GPU_COUNT = len(tf.config.list_physical_devices("GPU"))


def num_gpus() -> int:
    return GPU_COUNT
