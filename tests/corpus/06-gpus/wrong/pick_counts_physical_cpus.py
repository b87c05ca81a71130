# Wrong: pick_device counts physical CPUs (one) instead of logical ones (three), so /CPU:1 and /CPU:2 never exist.
# base: solution
# loses: pick_device_here, pick_device_simulated
def pick_device(preference):
    counts = {"CPU": len(tf.config.list_physical_devices("CPU")), "GPU": num_gpus()}
    skipped = []
    for name in preference:
        device = canonical(name)
        kind, index = device[1:].split(":")
        if int(index) < counts[kind]:
            return device, skipped
        skipped.append(device)
    return cpu(), skipped
