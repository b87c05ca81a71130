# Alternative: the clone rebuilt from the model's JSON config (model_from_json), and transfer_head building a fresh model with copied weights.
# base: solution
def save_and_clone(net, path):
    net.save_weights(path)
    clone = keras.models.model_from_json(net.to_json())
    clone.load_weights(path)
    return clone


def transfer_head(old, new):
    m = keras.models.clone_model(new)
    head = [w for layer in old.layers[:2] for w in layer.get_weights()]
    m.set_weights(head + new.get_weights()[len(head):])
    return m
