# Wrong: build_on creates the model inside the device scope but builds it after the scope has closed, so the weights land on /CPU:0.
# base: solution
# loses: build_on_known, build_on_drawn
def build_on(device, make_model, input_shape):
    with keras.device(device):
        model = make_model()
    model(ops.zeros(input_shape))
    return model
