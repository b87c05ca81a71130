# Wrong: time_op returns seconds instead of milliseconds.
# base: solution
# loses: time_op_three_repeats, time_op_default_repeats, time_op_seven_repeats
def time_op(fn, repeats=5):
    np.asarray(fn())
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.asarray(fn())
        times.append(time.perf_counter() - start)
    return float(np.median(times))
