# Wrong: bump_kernel writes the 42 first and adds delta afterwards, so entry [0, 0] ends at 42 + delta.
# base: solution
# loses: bump_kernel_small, bump_kernel_in_place, bump_kernel_model_sees_it
def bump_kernel(layer, delta):
    layer.kernel[0, 0].assign(42.0)
    layer.kernel.assign_add(ops.full(layer.kernel.shape, delta))
