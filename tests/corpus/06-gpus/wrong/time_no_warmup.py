# Wrong: time_op has no warm-up call, so the slow first call is among the timed ones.
# base: solution
# loses: time_op_three_repeats, time_op_default_repeats, time_op_seven_repeats
def time_op(fn, repeats=5):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.asarray(fn())
        times.append(1e3 * (time.perf_counter() - start))
    return float(np.median(times))
