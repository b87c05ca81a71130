# Wrong: try_all_gpus returns an empty list when there is no GPU instead of falling back to [cpu()].
# base: solution
# loses: device_helpers_here, device_helpers_simulated
def try_all_gpus() -> list[str]:
    return [gpu(i) for i in range(num_gpus())]
