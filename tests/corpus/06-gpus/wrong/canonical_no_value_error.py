# Wrong: canonical does not check for a missing device type and returns "/None:0" for "/job:localhost" instead of raising ValueError.
# base: solution
# loses: canonical_known_spellings, canonical_drawn_spellings
def canonical(name: str) -> str:
    spec = tf.DeviceSpec.from_string(name)
    return f"/{str(spec.device_type).upper()}:{spec.device_index or 0}"
