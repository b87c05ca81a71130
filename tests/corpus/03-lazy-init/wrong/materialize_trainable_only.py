# Wrong: materialize reports only the trainable weights, leaving out BatchNormalization's moving statistics.
# base: solution
# loses: materialize_any_sequential
def materialize(net, input_shape):
    net(keras.Input(batch_shape=tuple(input_shape)))
    return [tuple(int(n) for n in w.shape) for w in net.trainable_weights]
