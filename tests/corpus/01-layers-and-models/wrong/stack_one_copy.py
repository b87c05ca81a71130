# Wrong: stack calls the factory once and repeats that one layer n times (shared weights).
# base: solution
# loses: stack_makes_n_copies, stack_distinct_copies, stack_composition_order
def stack(factory, n):
    """n references to a single module."""
    block = factory()
    return keras.Sequential([block for _ in range(n)])
