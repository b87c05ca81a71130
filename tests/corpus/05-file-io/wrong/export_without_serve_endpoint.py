# Wrong: a bare tf.saved_model.save writes a SavedModel whose only signature is serving_default; there is no `serve` endpoint.
# base: solution
# loses: export_serves_here, export_serves_elsewhere
def export_for_serving(net, path):
    tf.saved_model.save(net, path)
