# Wrong: time_op returns the mean of the timed calls, which one slow call drags up, instead of the median.
# base: solution
# loses: time_op_three_repeats, time_op_default_repeats, time_op_seven_repeats
def time_op(fn, repeats=5):
    np.asarray(fn())
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        np.asarray(fn())
        times.append(1e3 * (time.perf_counter() - start))
    return float(np.mean(times))
