# Wrong: transfer_head builds a new Sequential from old's first two layer objects, so the new model shares old's variables.
# base: solution
# loses: transfer_head_makes_copies
def transfer_head(old, new):
    return keras.Sequential(old.layers[:2] + new.layers[2:])
