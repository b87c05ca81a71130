# Wrong: transfer_head copies every layer whose weight shapes match, not just the first two.
# base: solution
# loses: transfer_head_copies_only_two
def transfer_head(old, new):
    for source, target in zip(old.layers, new.layers):
        weights = source.get_weights()
        if [w.shape for w in weights] == [w.shape for w in target.get_weights()]:
            target.set_weights(weights)
    return new
