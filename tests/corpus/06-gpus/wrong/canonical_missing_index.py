# Wrong: canonical writes DeviceSpec's index as it comes, so a name without an index ("/gpu") becomes "/GPU:None".
# base: solution
# loses: canonical_known_spellings, canonical_drawn_spellings
def canonical(name: str) -> str:
    spec = tf.DeviceSpec.from_string(name)
    if spec.device_type is None:
        raise ValueError(f"{name!r} names no device type")
    return f"/{spec.device_type}:{spec.device_index}"
