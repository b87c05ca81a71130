# Wrong: time_op stops the clock when fn() returns, before the result is ready (it measures the launch of a GPU op, not its work).
# base: solution
# loses: time_op_three_repeats, time_op_default_repeats, time_op_seven_repeats
def time_op(fn, repeats=5):
    np.asarray(fn())
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(1e3 * (time.perf_counter() - start))
        np.asarray(result)
    return float(np.median(times))
