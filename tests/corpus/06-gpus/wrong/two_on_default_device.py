# Wrong: two_devices ignores `devices` and runs both chains on the default device.
# base: solution
# loses: two_devices_known, two_devices_drawn
def two_devices(a, b, devices):
    return [chain(a[0], b[0]), chain(a[1], b[1])]
