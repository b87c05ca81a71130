# Wrong: when no entry exists, pick_device falls back to the CPU but reports an empty skipped list.
# base: solution
# loses: pick_device_here, pick_device_simulated
def pick_device(preference):
    counts = {"CPU": len(tf.config.list_logical_devices("CPU")), "GPU": num_gpus()}
    skipped = []
    for name in preference:
        device = canonical(name)
        kind, index = device[1:].split(":")
        if int(index) < counts[kind]:
            return device, skipped
        skipped.append(device)
    return cpu(), []
