# Wrong: stack applies its copies last-made first.
# base: solution
# loses: stack_composition_order
def stack(factory, n):
    """Builds n distinct copies but prepends each new one."""
    copies = []
    for _ in range(n):
        copies.insert(0, factory())
    return keras.Sequential(copies)
