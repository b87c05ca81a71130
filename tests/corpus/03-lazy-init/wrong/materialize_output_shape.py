# Wrong: materialize builds the net but reports the output shape of each layer instead of the weights' shapes.
# base: solution
# loses: materialize_sequential_report, materialize_any_sequential, materialize_subclassed_model, materialize_uses_no_data
def materialize(net, input_shape):
    net(keras.Input(batch_shape=tuple(input_shape)))
    shapes, shape = [], tuple(input_shape)
    for layer in getattr(net, "layers", []):
        shape = layer.compute_output_shape(shape)
        shapes.append(tuple(1 if n is None else int(n) for n in shape))
    return shapes
