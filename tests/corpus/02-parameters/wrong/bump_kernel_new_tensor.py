# Wrong: bump_kernel computes the bumped kernel as a new tensor and returns it instead of assigning it.
# base: solution
# loses: bump_kernel_small, bump_kernel_in_place, bump_kernel_model_sees_it
def bump_kernel(layer, delta):
    """The layer's kernel never changes."""
    kernel = layer.kernel + delta
    return ops.slice_update(kernel, (0, 0), ops.full((1, 1), 42.0))
