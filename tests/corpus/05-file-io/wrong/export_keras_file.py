# Wrong: export_for_serving puts a .keras file under the SavedModel's name; loading it needs the model's Python classes and it has no `serve` endpoint.
# base: solution
# loses: export_serves_here, export_serves_elsewhere
def export_for_serving(net, path):
    os.makedirs(path)
    net.save(os.path.join(path, "model.keras"))
