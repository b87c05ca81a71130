# Wrong: time_op always times 5 calls, whatever `repeats` says.
# base: solution
# loses: time_op_three_repeats, time_op_seven_repeats
def time_op(fn, repeats=5):
    np.asarray(fn())
    times = []
    for _ in range(5):
        start = time.perf_counter()
        np.asarray(fn())
        times.append(1e3 * (time.perf_counter() - start))
    return float(np.median(times))
