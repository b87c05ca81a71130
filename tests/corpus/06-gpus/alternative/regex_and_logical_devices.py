# Alternative: the helpers read logical GPU devices and build names from them; canonical and same_device parse with a regular expression; pick_device counts devices from the logical device list.
# base: solution
def num_gpus() -> int:
    return len(tf.config.list_logical_devices("GPU"))


def try_all_gpus() -> list[str]:
    names = [canonical(d.name) for d in tf.config.list_logical_devices("GPU")]
    return names if names else [cpu()]


DEVICE = re.compile(r"(?:^|/)(?:device:)?(cpu|gpu)(?::(\d+))?$", flags=re.IGNORECASE)


def canonical(name: str) -> str:
    found = DEVICE.search(name)
    if found is None:
        raise ValueError(f"{name!r} names no CPU or GPU")
    return f"/{found.group(1).upper()}:{int(found.group(2) or 0)}"


def same_device(a: str, b: str) -> bool:
    return canonical(a) == canonical(b)


def pick_device(preference):
    present = {canonical(d.name) for d in tf.config.list_logical_devices()}
    present |= {gpu(i) for i in range(num_gpus())}
    names = [canonical(name) for name in preference]
    for i, name in enumerate(names):
        if name in present:
            return name, names[:i]
    return cpu(), names
