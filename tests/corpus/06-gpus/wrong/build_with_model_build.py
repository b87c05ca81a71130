# Wrong: build_on calls model.build(input_shape) in the scope; a subclassed model without a build method gets no weights that way.
# base: solution
# loses: build_on_drawn
def build_on(device, make_model, input_shape):
    model = make_model()
    with keras.device(device):
        model.build(input_shape)
    return model
