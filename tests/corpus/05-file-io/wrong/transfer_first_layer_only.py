# Wrong: transfer_head copies only the first layer, not the first two.
# base: solution
# loses: transfer_head_output, transfer_head_copies_only_two
def transfer_head(old, new):
    new.layers[0].set_weights(old.layers[0].get_weights())
    return new
