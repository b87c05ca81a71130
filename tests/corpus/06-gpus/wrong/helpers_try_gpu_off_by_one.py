# Wrong: try_gpu tests i <= num_gpus(), so it names a GPU one past the last (GPU 0 on a machine without one).
# base: solution
# loses: device_helpers_here, device_helpers_simulated
def try_gpu(i: int = 0) -> str:
    return gpu(i) if i <= num_gpus() else cpu()
