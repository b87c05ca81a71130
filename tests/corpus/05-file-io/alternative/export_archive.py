# Alternative: keras.export.ExportArchive with a `serve` endpoint instead of model.export.
# base: solution
def export_for_serving(net, path):
    archive = keras.export.ExportArchive()
    archive.track(net)
    width = net.inputs[0].shape[-1]
    archive.add_endpoint("serve", lambda x: net(x, training=False),
                         input_signature=[tf.TensorSpec((None, width), tf.float32)])
    archive.write_out(path, verbose=False)
